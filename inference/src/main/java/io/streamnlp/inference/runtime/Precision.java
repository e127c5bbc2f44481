package io.streamnlp.inference.runtime;

import java.util.Locale;

/**
 * Numeric precision of a built-in encoder. Classification heads learn from both twins' embeddings where both
 * ship, so one head serves either; int8 is a serving choice whose quality change is measured ({@code streamnlp
 * eval --precision int8}). An encoder that ships one twin only runs it at either precision.
 */
public enum Precision {
    /** The fp32 export. */
    FP32,
    /** The dynamically quantized export (int8 weights, fp32 activations). */
    INT8;

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
