package io.streamnlp.drift;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the drift computation sees of one processed input: the prediction of each classification task, the
 * pooled sentence embedding (null when the model has none) and input statistics from the tokenizer.
 */
public record Observation(Map<String, Prediction> predictions, float[] embedding, int lengthTokens, int unknownTokens) {

    public Observation {
        predictions = Map.copyOf(Objects.requireNonNull(predictions, "predictions"));
        if (lengthTokens < 0) {
            throw new IllegalArgumentException("lengthTokens must be >= 0, got " + lengthTokens);
        }
        if (unknownTokens < 0 || unknownTokens > lengthTokens) {
            throw new IllegalArgumentException(
                    "unknownTokens must be in [0, lengthTokens], got " + unknownTokens + " of " + lengthTokens);
        }
        if (embedding != null) {
            if (embedding.length == 0) {
                throw new IllegalArgumentException("embedding must not be empty");
            }
            for (float v : embedding) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("embedding contains a non-finite value");
                }
            }
        }
    }

    /**
     * The drift view of one model output. The training job (reference profiles), the streaming job
     * (live windows) and the offline drift check all map outputs here, so references and windows agree:
     * entropy from the top-k scores through {@link Prediction#fromTopK} (the top-1 score alone when a
     * task reports no top k), unknown tokens capped at the token count.
     */
    public static Observation of(
            List<ClassifierOutput> classifications, float[] embedding, int tokenCount, int unknownTokens) {
        Map<String, Prediction> predictions = new HashMap<>();
        for (ClassifierOutput c : classifications) {
            double[] top = c.topScores().length == 0 ? new double[] {c.score()} : c.topScores();
            predictions.put(c.task(), Prediction.fromTopK(c.label(), top));
        }
        return new Observation(predictions, embedding, tokenCount, Math.min(unknownTokens, tokenCount));
    }
}
