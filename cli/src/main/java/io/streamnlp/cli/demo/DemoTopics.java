package io.streamnlp.cli.demo;

import java.util.List;

/** The demo's topic names, the product defaults. */
final class DemoTopics {
    static final String TEXT_EVENTS = "text-events";
    static final String ENRICHED = "enriched-events";
    static final String DEAD_LETTERS = "dead-letters";
    static final String DRIFT = "drift-metrics";
    static final String FEEDBACK = "feedback";
    static final String RETRAIN_REQUESTS = "retrain-requests";
    static final String MODEL_EVENTS = "model-events";

    /** Every topic but the compacted model-events. */
    static final List<String> PLAIN = List.of(TEXT_EVENTS, ENRICHED, DEAD_LETTERS, DRIFT, FEEDBACK, RETRAIN_REQUESTS);

    private DemoTopics() {}
}
