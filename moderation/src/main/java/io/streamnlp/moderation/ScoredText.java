package io.streamnlp.moderation;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What a policy decides on: one event's id, tenant and text, and its classification scores by task and label
 * ({@code scores.get("toxicity").get("toxic")}). A label the model did not report counts as not scored.
 */
public record ScoredText(String id, String tenant, String text, Map<String, Map<String, Double>> scores) {
    public ScoredText {
        scores = Map.copyOf(scores);
    }

    public static Builder builder(String id, String tenant, String text) {
        return new Builder(id, tenant, text);
    }

    /**
     * Gathers the scores by the one rule that the job (from Avro records) and the HTTP API (from pipeline results)
     * both apply, so that one policy decides the same on both: each task's reported top-k label scores, plus its
     * chosen label when the top-k left it out.
     */
    public static final class Builder {
        private final String id;
        private final String tenant;
        private final String text;
        private final Map<String, Map<String, Double>> scores = new HashMap<>();

        private Builder(String id, String tenant, String text) {
            this.id = id;
            this.tenant = tenant;
            this.text = text;
        }

        /**
         * @param topK the task's reported label scores, in whatever type the caller holds them
         * @param labelOf a top-k entry's label
         * @param scoreOf a top-k entry's score
         */
        public <S> Builder classification(
                String task,
                String label,
                double score,
                Iterable<S> topK,
                Function<S, String> labelOf,
                ToDoubleFunction<S> scoreOf) {
            Map<String, Double> labels = new HashMap<>();
            for (S entry : topK) {
                labels.put(labelOf.apply(entry), scoreOf.applyAsDouble(entry));
            }
            labels.putIfAbsent(label, score);
            scores.put(task, labels);
            return this;
        }

        public ScoredText build() {
            return new ScoredText(id, tenant, text, scores);
        }
    }
}
