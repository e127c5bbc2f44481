package io.streamnlp.finetune;

/** Comparing the PyTorch side's flat outputs with ONNX Runtime's, in the tests. */
public final class FloatArrays {

    private FloatArrays() {}

    public static double maxDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** A row-major {@code [n, width]} array as n rows. */
    public static float[][] rows(float[] flat, int n) {
        int width = flat.length / n;
        float[][] out = new float[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }
}
