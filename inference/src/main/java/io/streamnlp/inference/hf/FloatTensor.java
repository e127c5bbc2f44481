package io.streamnlp.inference.hf;

import java.util.Arrays;

/**
 * A dense row-major float tensor copied out of ONNX Runtime.
 *
 * @param shape dimensions, outermost first
 * @param data values, last dimension fastest
 */
record FloatTensor(long[] shape, float[] data) {

    FloatTensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    int rank() {
        return shape.length;
    }

    int dim(int i) {
        return Math.toIntExact(shape[i]);
    }

    /** The innermost vector at the given leading indices, e.g. {@code vector(b, t)} of a {@code [B, T, L]} tensor. */
    float[] vector(int... leading) {
        if (leading.length != shape.length - 1) {
            throw new IllegalArgumentException("need " + (shape.length - 1) + " indices, got " + leading.length);
        }
        int offset = 0;
        for (int i = 0; i < leading.length; i++) {
            offset = offset * dim(i) + leading[i];
        }
        int width = dim(shape.length - 1);
        return Arrays.copyOfRange(data, offset * width, (offset + 1) * width);
    }
}
