package io.streamnlp.training.data;

import java.util.Objects;

/** One classification example. */
public record LabeledText(String text, String label) {
    public LabeledText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
    }
}
