package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How token states become one sentence embedding; whichever way, the result is L2-normalised. */
public enum Pooling {
    /** The mean of every token's state, special tokens included (sentence-transformers, e5). */
    MEAN("mean", 1),
    /** The state of the first token, {@code [CLS]} (bge). */
    CLS("cls", 1),
    /**
     * The {@link #MEAN} followed by the element-wise maximum over the text's own tokens (special tokens
     * excluded, so that a word's strongest activation is not drowned by a position every text shares); each
     * half is normalised so that neither dominates, twice the encoder's width.
     */
    MEAN_MAX("mean+max", 2);

    private final String id;
    private final int widthFactor;

    Pooling(String id, int widthFactor) {
        this.id = id;
        this.widthFactor = widthFactor;
    }

    /** Width of the sentence embedding this pooling makes from token states of width {@code stateWidth}. */
    public int embeddingWidth(int stateWidth) {
        return widthFactor * stateWidth;
    }

    /**
     * Parses {@code mean}, {@code cls} or {@code mean+max}.
     *
     * @throws IllegalArgumentException naming the known values
     */
    @JsonCreator
    public static Pooling parse(String value) {
        for (Pooling p : values()) {
            if (p.id.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + value + "' (known: "
                + Arrays.stream(values()).map(Pooling::toString).collect(Collectors.joining(", ")) + ")");
    }

    @JsonValue
    @Override
    public String toString() {
        return id;
    }
}
