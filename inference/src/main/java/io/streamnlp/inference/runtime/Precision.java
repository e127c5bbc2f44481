package io.streamnlp.inference.runtime;

import java.util.Locale;

/**
 * Numeric precision of the ONNX graphs a pipeline serves: the encoder (built in or a bundle's file) and Hugging
 * Face task models. int8 serves an fp32 graph's {@link Int8Models quantized copy}. Classification heads on a
 * built-in encoder learn from both twins' embeddings, so one head serves either; int8 is a serving choice whose
 * quality change is measured ({@code streamnlp eval --precision int8}).
 */
public enum Precision {
    /** The fp32 export. */
    FP32,
    /** Dynamically quantized: int8 weights, activations quantized to uint8 per batch (see {@link DynamicInt8Quantizer}). */
    INT8;

    /** The value of {@code inference.precision} that picks {@link #defaultFor the device's default}. */
    public static final String AUTO = "auto";

    /**
     * int8 on a CPU, where it is about twice as fast within a fraction of a point of fp32 (docs/inference.md);
     * fp32 on a GPU, whose CUDA provider lacks most of the dynamically quantized graph's kernels.
     */
    public static Precision defaultFor(ComputeDevice device) {
        return device == ComputeDevice.GPU ? FP32 : INT8;
    }

    /** Parses {@code auto} (the device's default), {@code fp32} or {@code int8} (case-insensitive). */
    public static Precision parse(String value, ComputeDevice device) {
        if (value != null && value.trim().equalsIgnoreCase(AUTO)) {
            return defaultFor(device);
        }
        return parse(value);
    }

    /** Parses {@code fp32} or {@code int8} (case-insensitive). */
    public static Precision parse(String value) {
        if (value != null) {
            for (Precision p : values()) {
                if (p.toString().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw new InvalidOptionsException("precision must be 'fp32' or 'int8', got '" + value + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
