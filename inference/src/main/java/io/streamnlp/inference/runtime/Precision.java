package io.streamnlp.inference.runtime;

import java.util.Locale;

/**
 * Numeric precision of the built-in encoder. Heads are always trained on the fp32 encoder; int8 is a
 * serving choice whose quality change is measured ({@code streamnlp eval --precision int8}).
 */
public enum Precision {
    /** The fp32 all-MiniLM-L6-v2. */
    FP32,
    /** The dynamically quantized all-MiniLM-L6-v2 (int8 weights, fp32 activations). */
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
