package io.streamnlp.console;

import java.util.List;
import java.util.Objects;

/** The topics the console reads, and the one it writes ({@code feedback}). */
public record ConsoleTopics(
        String enriched,
        String deadLetters,
        String drift,
        String stats,
        String review,
        String feedback,
        String retrainRequests) {

    public ConsoleTopics {
        Objects.requireNonNull(enriched, "enriched");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(retrainRequests, "retrainRequests");
    }

    /** The product's default names. */
    public static ConsoleTopics defaults() {
        return new ConsoleTopics(
                ConsoleOptions.ENRICHED_TOPIC.defaultValue(),
                ConsoleOptions.DEAD_LETTER_TOPIC.defaultValue(),
                ConsoleOptions.DRIFT_TOPIC.defaultValue(),
                ConsoleOptions.STATS_TOPIC.defaultValue(),
                ConsoleOptions.REVIEW_TOPIC.defaultValue(),
                ConsoleOptions.FEEDBACK_TOPIC.defaultValue(),
                ConsoleOptions.RETRAIN_REQUEST_TOPIC.defaultValue());
    }

    /** Every topic the console tails; the feedback topic too, so that labels given elsewhere show in the queue. */
    List<String> tailed() {
        return List.of(enriched, deadLetters, drift, stats, review, feedback, retrainRequests);
    }
}
