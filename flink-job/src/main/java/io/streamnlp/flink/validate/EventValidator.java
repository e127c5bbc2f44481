package io.streamnlp.flink.validate;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.TextEvent;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decides whether a decoded event can be enriched: its text and its attributes map within the configured limits.
 * Returns the refusal, or null when the event is fine. (Invalid UTF-8 never gets this far: the decoder refuses it.)
 */
public final class EventValidator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final JobConfig.Validation limits;

    public EventValidator(JobConfig.Validation limits) {
        this.limits = limits;
    }

    /** A reason code with a message for the dead-letter record. */
    public record Refusal(DeadLetterReason reason, String message) {}

    public Refusal check(TextEvent event) {
        Refusal text = checkText(event.getText());
        return text != null ? text : checkAttributes(event.getAttributes());
    }

    private Refusal checkText(String text) {
        if (text == null || text.isBlank()) {
            return new Refusal(DeadLetterReason.EMPTY_TEXT, "text is empty or whitespace only");
        }
        if (text.length() > limits.maxTextChars()) {
            return new Refusal(
                    DeadLetterReason.TEXT_TOO_LONG,
                    "text has " + text.length() + " characters, more than validation.max-text-chars="
                            + limits.maxTextChars());
        }
        if (text.indexOf('\u0000') >= 0) {
            return new Refusal(DeadLetterReason.INVALID_TEXT, "text contains NUL characters");
        }
        return null;
    }

    private Refusal checkAttributes(Map<String, String> attributes) {
        if (attributes == null) {
            return null;
        }
        if (attributes.size() > limits.maxAttributes()) {
            return new Refusal(
                    DeadLetterReason.ATTRIBUTES_TOO_LARGE,
                    "attributes has " + attributes.size() + " entries, more than validation.max-attributes="
                            + limits.maxAttributes());
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            long bytes = utf8Length(e.getKey()) + utf8Length(e.getValue());
            if (bytes > limits.maxAttributeBytes()) {
                return new Refusal(
                        DeadLetterReason.ATTRIBUTES_TOO_LARGE,
                        "attribute '" + abbreviate(e.getKey()) + "' takes " + bytes
                                + " bytes (key and value), more than validation.max-attribute-bytes="
                                + limits.maxAttributeBytes());
            }
        }
        return null;
    }

    private static long utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
