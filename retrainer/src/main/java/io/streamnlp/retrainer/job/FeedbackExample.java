package io.streamnlp.retrainer.job;

import io.streamnlp.training.data.LabeledText;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/** One human label for a classification task, as the retraining job uses it. */
public record FeedbackExample(String eventId, String text, String label, Instant createdAt) {

    /** Oldest first; equal times by event id, so the order never depends on how the topic was read. */
    public static final Comparator<FeedbackExample> BY_TIME =
            Comparator.comparing(FeedbackExample::createdAt).thenComparing(FeedbackExample::eventId);

    public FeedbackExample {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public LabeledText labeledText() {
        return new LabeledText(text, label);
    }
}
