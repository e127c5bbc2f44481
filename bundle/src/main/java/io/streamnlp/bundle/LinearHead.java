package io.streamnlp.bundle;

import java.util.List;

/**
 * Weights of a dense layer {@code x W + b}: a linear head {@code softmax(x W + b)}, or a hidden layer of one.
 *
 * @param weights {@code [inputs][classes]}
 * @param bias {@code [classes]}
 */
public record LinearHead(float[][] weights, float[] bias) {

    public LinearHead {
        if (weights.length == 0 || bias.length == 0) {
            throw new IllegalArgumentException("a head needs at least one input and one class");
        }
        for (float[] row : weights) {
            if (row.length != bias.length) {
                throw new IllegalArgumentException(
                        "every weight row needs " + bias.length + " values, got " + row.length);
            }
        }
    }

    public int inputs() {
        return weights.length;
    }

    public int classes() {
        return bias.length;
    }

    /**
     * A nearest-prototype classifier: class c scores {@code scale * <x, prototype_c>}, so for unit
     * vectors the softmax favours the prototype with the highest cosine similarity.
     */
    public static LinearHead ofPrototypes(List<float[]> prototypes, float scale) {
        int inputs = prototypes.get(0).length;
        float[][] w = new float[inputs][prototypes.size()];
        for (int c = 0; c < prototypes.size(); c++) {
            float[] p = prototypes.get(c);
            if (p.length != inputs) {
                throw new IllegalArgumentException(
                        "prototype " + c + " has " + p.length + " values, expected " + inputs);
            }
            for (int i = 0; i < inputs; i++) {
                w[i][c] = scale * p[i];
            }
        }
        return new LinearHead(w, new float[prototypes.size()]);
    }
}
