package io.streamnlp.flink.validate;

import io.streamnlp.schemas.avro.DeadLetterReason;
import java.io.Serializable;

/** Decides whether a text can be enriched; returns the refusal, or null when the text is fine. */
public final class TextValidator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxChars;

    public TextValidator(int maxChars) {
        this.maxChars = maxChars;
    }

    /** A reason code with a message for the dead-letter record. */
    public record Refusal(DeadLetterReason reason, String message) {}

    public Refusal check(String text) {
        if (text == null || text.isBlank()) {
            return new Refusal(DeadLetterReason.EMPTY_TEXT, "text is empty or whitespace only");
        }
        if (text.length() > maxChars) {
            return new Refusal(DeadLetterReason.TEXT_TOO_LONG,
                    "text has " + text.length() + " characters, more than validation.max-text-chars=" + maxChars);
        }
        if (text.indexOf('\u0000') >= 0) {
            return new Refusal(DeadLetterReason.INVALID_TEXT, "text contains NUL characters");
        }
        return null;
    }
}
