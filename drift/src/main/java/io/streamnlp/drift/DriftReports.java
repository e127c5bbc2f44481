package io.streamnlp.drift;

import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.ModelRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Maps a {@link DriftResult} to the Avro {@link DriftReport} of the drift-metrics topic. */
public final class DriftReports {

    private DriftReports() {}

    public static DriftReport toAvro(DriftResult result, ModelRef model, Instant windowStart, Instant windowEnd) {
        Map<String, Double> scores = new HashMap<>();
        for (DriftMetric metric : DriftMetric.values()) {
            OptionalDouble score = result.score(metric);
            if (score.isPresent()) {
                scores.put(metric.wireName(), score.getAsDouble());
            }
        }
        return DriftReport.newBuilder()
                .setModel(model)
                .setTask(result.task())
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .setCount(result.count())
                .setLabelDistribution(result.labelDistribution())
                .setPsi(result.psi())
                .setJsDistance(result.jsDistance())
                .setMeanConfidence(result.meanConfidence())
                .setConfidenceShift(result.confidenceShift())
                .setMeanEntropy(result.meanEntropy())
                .setEmbeddingCosineDistance(result.embeddingCosineDistance())
                .setEmbeddingMmd(result.embeddingMmd())
                .setMeanLengthTokens(result.meanLengthTokens())
                .setUnknownTokenRate(result.unknownTokenRate())
                .setDrifted(result.drifted())
                .setDriftedMetrics(result.driftedMetrics().stream()
                        .map(DriftMetric::wireName)
                        .toList())
                .setThresholds(result.thresholds().asWireMap())
                .setScores(scores)
                .build();
    }
}
