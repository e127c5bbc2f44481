package io.streamnlp.cli.demo;

import java.util.List;

/** The demo's topic names, the product defaults. */
final class DemoTopics {
    static final String TEXT_EVENTS = "text-events";
    static final String ENRICHED = "enriched-events";
    static final String DEAD_LETTERS = "dead-letters";
    static final String DRIFT = "drift-metrics";
    /** The job's per-window aggregates, which the console's Live page draws. */
    static final String STATS = "enrichment-stats";

    static final String FEEDBACK = "feedback";
    static final String RETRAIN_REQUESTS = "retrain-requests";
    static final String MODEL_EVENTS = "model-events";
    static final String POLICIES = "moderation-policies";
    static final String MODERATION_BLOCK = "moderation-block";
    static final String MODERATION_REVIEW = "moderation-review";

    /** Every topic but the compacted model-events and policies. */
    static final List<String> PLAIN = List.of(
            TEXT_EVENTS,
            ENRICHED,
            DEAD_LETTERS,
            DRIFT,
            STATS,
            FEEDBACK,
            RETRAIN_REQUESTS,
            MODERATION_BLOCK,
            MODERATION_REVIEW);

    private DemoTopics() {}
}
