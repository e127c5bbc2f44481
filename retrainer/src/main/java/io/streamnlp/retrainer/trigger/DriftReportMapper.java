package io.streamnlp.retrainer.trigger;

import io.streamnlp.drift.DriftMetric;
import io.streamnlp.drift.DriftResult;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.ModelRef;

import java.time.Instant;

/** Maps a {@link DriftResult} of the drift module to the Avro {@link DriftReport} of the drift-metrics topic. */
public final class DriftReportMapper {

    private DriftReportMapper() {
    }

    public static DriftReport toAvro(DriftResult result, ModelRef model, Instant windowStart, Instant windowEnd) {
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
                .setDriftedMetrics(result.driftedMetrics().stream().map(DriftMetric::wireName).toList())
                .setThresholds(result.thresholds().asWireMap())
                .build();
    }
}
