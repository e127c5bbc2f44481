package io.streamnlp.moderation;

import java.util.Map;

/**
 * What a policy decides on: one event's id, tenant and text, and its classification scores by task and label
 * ({@code scores.get("toxicity").get("toxic")}). A label the model did not report counts as not scored.
 */
public record ScoredText(String id, String tenant, String text, Map<String, Map<String, Double>> scores) {
    public ScoredText {
        scores = Map.copyOf(scores);
    }
}
