package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How token states become one sentence embedding; whichever way, the result is L2-normalised. */
public enum Pooling {
    /** The mean of every token's state, special tokens included (sentence-transformers, e5). */
    MEAN("mean", 1, 1),
    /** The state of the first token, {@code [CLS]} (bge). */
    CLS("cls", 1, 1),
    /**
     * The {@link #MEAN} followed by the element-wise maximum over the text's own tokens (special tokens
     * excluded, so that a word's strongest activation is not drowned by a position every text shares); each
     * half is normalised so that neither dominates, twice the encoder's width.
     */
    MEAN_MAX("mean+max", 2, 1),
    /** The {@link #MEAN} of each token's state averaged over the encoder's last two layers. */
    MEAN_LAST2("mean-last2", 1, 2),
    /** The {@link #MEAN} of each token's state averaged over the encoder's last four layers. */
    MEAN_LAST4("mean-last4", 1, 4);

    private final String id;
    private final int widthFactor;
    private final int layers;

    Pooling(String id, int widthFactor, int layers) {
        this.id = id;
        this.widthFactor = widthFactor;
        this.layers = layers;
    }

    /** How many of the encoder's last layers it reads; only the last one's states reach the token-level heads. */
    public int layers() {
        return layers;
    }

    /** Width of the sentence embedding this pooling makes from token states of width {@code stateWidth}. */
    public int embeddingWidth(int stateWidth) {
        return widthFactor * stateWidth;
    }

    /**
     * Parses a pooling's name: {@code mean}, {@code cls}, {@code mean+max}, {@code mean-last2}, {@code mean-last4}.
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
