package io.streamnlp.inference.runtime;

import java.util.Locale;

/**
 * Numeric precision of a built-in encoder. The default bundle's classification heads are trained on both
 * twins' embeddings, other heads on the fp32 twin where one ships; what int8 changes is measured
 * ({@code streamnlp eval --precision int8}). An encoder that ships one twin only runs it at either precision.
 */
public enum Precision {
    /** The fp32 export. */
    FP32,
    /** The dynamically quantized export (int8 weights, fp32 activations). */
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
