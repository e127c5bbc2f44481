package io.streamnlp.training.seed;

import java.util.Objects;

/**
 * A piece of generated text; {@code entityType} names the entity it is (PERSON, ORDER_ID, ...) or is
 * null for plain text. Generated texts are kept as segments so that their entity spans are known exactly.
 */
record Segment(String text, String entityType) {
    Segment {
        Objects.requireNonNull(text, "text");
    }

    static Segment plain(String text) {
        return new Segment(text, null);
    }

    boolean isEntity() {
        return entityType != null;
    }
}
