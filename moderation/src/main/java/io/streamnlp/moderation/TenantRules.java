package io.streamnlp.moderation;

import java.util.Map;
import java.util.SortedMap;

/**
 * One tenant's section of a policy: per classification task and label, the lowest score at which each action applies
 * ({@code thresholds.get("toxicity").get("toxic").get(BLOCK)}), terms that block, and per classification task the top
 * confidence below which a record goes to review ({@code reviewBelowConfidence.get("intent")}).
 */
record TenantRules(
        String name,
        SortedMap<String, SortedMap<String, Map<ModerationAction, Double>>> thresholds,
        Blocklist blocklist,
        Map<String, Double> reviewBelowConfidence) {

    Map<ModerationAction, Double> thresholds(String task, String label) {
        SortedMap<String, Map<ModerationAction, Double>> byLabel = thresholds.get(task);
        return byLabel == null ? null : byLabel.get(label);
    }
}
