package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How token states become one sentence embedding; either way the result is L2-normalised. */
public enum Pooling {
    /** The mean of every token's state, special tokens included (sentence-transformers, e5). */
    MEAN,
    /** The state of the first token, {@code [CLS]} (bge). */
    CLS;

    /**
     * Parses {@code mean} or {@code cls}.
     *
     * @throws IllegalArgumentException naming the known values
     */
    @JsonCreator
    public static Pooling parse(String value) {
        for (Pooling p : values()) {
            if (p.toString().equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + value + "' (known: "
                + Arrays.stream(values()).map(Pooling::toString).collect(Collectors.joining(", ")) + ")");
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
