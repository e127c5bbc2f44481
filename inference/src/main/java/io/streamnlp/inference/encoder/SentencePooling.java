package io.streamnlp.inference.encoder;

import io.streamnlp.bundle.Pooling;
import java.util.Arrays;
import java.util.function.IntPredicate;

/** The arithmetic of each {@link Pooling}: one text's token states in, its unit-length sentence embedding out. */
final class SentencePooling {

    private SentencePooling() {}

    /**
     * Pools {@code count} token states of width {@code dim}, stored row-major in {@code states}.
     *
     * @param special which tokens are special ({@code [CLS]}, {@code [SEP]}, a model card's prefix)
     * @return {@link Pooling#embeddingWidth(int) the pooling's width} of values, unit length
     */
    static float[] pool(Pooling pooling, float[] states, int count, int dim, IntPredicate special) {
        return switch (pooling) {
            case CLS -> Vectors.normalize(Arrays.copyOf(states, dim));
            case MEAN -> Vectors.normalize(sum(states, count, dim));
            case MEAN_MAX -> meanMax(states, count, dim, special);
        };
    }

    private static float[] sum(float[] states, int count, int dim) {
        float[] sum = new float[dim];
        for (int t = 0; t < count; t++) {
            for (int d = 0; d < dim; d++) {
                sum[d] += states[t * dim + d];
            }
        }
        return sum;
    }

    /** Both halves unit length, then the whole scaled back to unit length; an empty text's max half is zero. */
    private static float[] meanMax(float[] states, int count, int dim, IntPredicate special) {
        float[] max = new float[dim];
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        boolean anyText = false;
        for (int t = 0; t < count; t++) {
            if (special.test(t)) {
                continue;
            }
            anyText = true;
            for (int d = 0; d < dim; d++) {
                max[d] = Math.max(max[d], states[t * dim + d]);
            }
        }
        if (!anyText) {
            Arrays.fill(max, 0f);
        }
        float[] out = new float[2 * dim];
        System.arraycopy(Vectors.normalize(sum(states, count, dim)), 0, out, 0, dim);
        System.arraycopy(Vectors.normalize(max), 0, out, dim, dim);
        return Vectors.normalize(out);
    }
}
