package io.streamnlp.drift;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Drift of one task over one window against a reference profile. The embedding metrics are null when the model
 * or the reference has no embeddings (or the window's sample is too small for MMD).
 *
 * @param count               predictions for this task in the window
 * @param labelDistribution   share of each predicted label in the window
 * @param confidenceShift     window mean top-1 probability minus the reference mean (signed)
 * @param entropyShift        window mean entropy minus the reference mean, nats (signed)
 * @param unknownTokenRateShift window unknown-token rate minus the reference rate (signed)
 * @param driftedMetrics      metrics whose score is above their threshold, in {@link DriftMetric} order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DriftResult(
        String task,
        long count,
        Map<String, Double> labelDistribution,
        double psi,
        double jsDistance,
        double meanConfidence,
        double confidenceShift,
        double meanEntropy,
        double entropyShift,
        Double embeddingCosineDistance,
        Double embeddingMmd,
        double meanLengthTokens,
        double lengthPsi,
        double unknownTokenRate,
        double unknownTokenRateShift,
        boolean drifted,
        List<DriftMetric> driftedMetrics,
        DriftThresholds thresholds) {

    public DriftResult {
        Objects.requireNonNull(task, "task");
        labelDistribution = Map.copyOf(labelDistribution);
        driftedMetrics = List.copyOf(driftedMetrics);
        Objects.requireNonNull(thresholds, "thresholds");
        if (drifted == driftedMetrics.isEmpty()) {
            throw new IllegalArgumentException("drifted must be true exactly when some metric drifted");
        }
    }

    /** This result with {@code drifted} and {@code driftedMetrics} set by comparing every score with its threshold. */
    DriftResult flagged() {
        List<DriftMetric> over = new ArrayList<>();
        for (DriftMetric metric : DriftMetric.values()) {
            OptionalDouble threshold = thresholds.threshold(metric);
            OptionalDouble score = score(metric);
            if (threshold.isPresent() && score.isPresent() && score.getAsDouble() > threshold.getAsDouble()) {
                over.add(metric);
            }
        }
        return new DriftResult(
                task,
                count,
                labelDistribution,
                psi,
                jsDistance,
                meanConfidence,
                confidenceShift,
                meanEntropy,
                entropyShift,
                embeddingCosineDistance,
                embeddingMmd,
                meanLengthTokens,
                lengthPsi,
                unknownTokenRate,
                unknownTokenRateShift,
                !over.isEmpty(),
                over,
                thresholds);
    }

    /** The non-negative score compared with the metric's threshold; empty when the metric was not computed. */
    public OptionalDouble score(DriftMetric metric) {
        return switch (metric) {
            case PSI -> OptionalDouble.of(psi);
            case JS_DISTANCE -> OptionalDouble.of(jsDistance);
            case CONFIDENCE_SHIFT -> OptionalDouble.of(Math.abs(confidenceShift));
            case ENTROPY_SHIFT -> OptionalDouble.of(Math.abs(entropyShift));
            case EMBEDDING_COSINE_DISTANCE -> optional(embeddingCosineDistance);
            case EMBEDDING_MMD -> optional(embeddingMmd);
            case LENGTH_PSI -> OptionalDouble.of(lengthPsi);
            case UNKNOWN_TOKEN_RATE_SHIFT -> OptionalDouble.of(Math.abs(unknownTokenRateShift));
        };
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
