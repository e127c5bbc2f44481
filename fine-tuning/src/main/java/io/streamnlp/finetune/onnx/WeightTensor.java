package io.streamnlp.finetune.onnx;

import java.util.Arrays;

/**
 * A float weight: its values row-major and its shape, in the layout the ONNX graph stores it.
 *
 * @param shape dimensions, outermost first
 * @param values {@code product(shape)} values
 */
public record WeightTensor(long[] shape, float[] values) {

    public WeightTensor {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + size + " values, got " + values.length);
        }
    }
}
