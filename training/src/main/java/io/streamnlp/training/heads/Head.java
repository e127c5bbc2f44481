package io.streamnlp.training.heads;

import io.streamnlp.bundle.LinearHead;
import java.util.Arrays;
import java.util.List;

/**
 * A trained head: softmax over {@code labels} of a linear map of the input, optionally after one
 * ReLU hidden layer. Weights are row-major by input: {@code w[i * out + j]} connects input i to output j.
 *
 * @param inputDim width of an input row
 * @param labels output labels, in output order
 * @param hiddenWeights input-to-hidden weights ({@code inputDim * hidden}), empty for a linear head
 * @param hiddenBias hidden biases, empty for a linear head
 * @param outputWeights (hidden or input)-to-label weights
 * @param outputBias label biases
 */
public record Head(
        int inputDim,
        List<String> labels,
        float[] hiddenWeights,
        float[] hiddenBias,
        float[] outputWeights,
        float[] outputBias) {

    public Head {
        labels = List.copyOf(labels);
        int hidden = hiddenBias.length;
        if (hiddenWeights.length != inputDim * hidden) {
            throw new IllegalArgumentException("hidden weights: expected " + inputDim * hidden + " values");
        }
        int in = hidden == 0 ? inputDim : hidden;
        if (outputWeights.length != in * labels.size() || outputBias.length != labels.size()) {
            throw new IllegalArgumentException(
                    "output weights do not match " + in + " inputs and " + labels.size() + " labels");
        }
    }

    public int hiddenUnits() {
        return hiddenBias.length;
    }

    /** The hidden layer, for writing the head's graph; null for a linear head. */
    public LinearHead hiddenLayer() {
        return hiddenUnits() == 0 ? null : new LinearHead(rows(hiddenWeights, inputDim, hiddenUnits()), hiddenBias);
    }

    /** The layer that maps the hidden units (or the input) to the labels, for writing the head's graph. */
    public LinearHead outputLayer() {
        int in = hiddenUnits() == 0 ? inputDim : hiddenUnits();
        return new LinearHead(rows(outputWeights, in, labels.size()), outputBias);
    }

    private static float[][] rows(float[] rowMajor, int inputs, int outputs) {
        float[][] rows = new float[inputs][];
        for (int i = 0; i < inputs; i++) {
            rows[i] = Arrays.copyOfRange(rowMajor, i * outputs, (i + 1) * outputs);
        }
        return rows;
    }

    /** The label probabilities of one input row. */
    public float[] probabilities(float[] x) {
        return softmax(logits(x));
    }

    /** The scores before the softmax of one input row. */
    public float[] logits(float[] x) {
        if (x.length != inputDim) {
            throw new IllegalArgumentException("input has " + x.length + " values, head expects " + inputDim);
        }
        float[] in = hiddenUnits() == 0 ? x : relu(affine(x, hiddenWeights, hiddenBias));
        return affine(in, outputWeights, outputBias);
    }

    /** This head with its logits divided by {@code temperature}: same predictions, softer or sharper probabilities. */
    public Head withTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        return new Head(
                inputDim,
                labels,
                hiddenWeights,
                hiddenBias,
                scaled(outputWeights, temperature),
                scaled(outputBias, temperature));
    }

    private static float[] scaled(float[] v, double temperature) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / temperature);
        }
        return out;
    }

    /** The most probable label of one input row. */
    public String predict(float[] x) {
        return labels.get(argmax(probabilities(x)));
    }

    static float[] affine(float[] x, float[] w, float[] b) {
        int out = b.length;
        float[] z = b.clone();
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            if (xi == 0f) {
                continue;
            }
            int row = i * out;
            for (int j = 0; j < out; j++) {
                z[j] += xi * w[row + j];
            }
        }
        return z;
    }

    static float[] relu(float[] z) {
        float[] a = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = Math.max(z[i], 0f);
        }
        return a;
    }

    static float[] softmax(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            double e = Math.exp(z[i] - max);
            p[i] = (float) e;
            sum += e;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (p[i] / sum);
        }
        return p;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
