package io.streamnlp.retrainer.trigger;

import io.streamnlp.drift.DriftMetric;
import io.streamnlp.schemas.avro.DriftReport;

/**
 * The score a {@link DriftReport} gives for a metric named in its {@code drifted_metrics}: from its {@code scores}
 * map, or, for reports written before that field existed, from the metric's own field. Unknown metrics give NaN.
 */
final class ReportedMetrics {

    private ReportedMetrics() {}

    static double value(DriftReport report, String metric) {
        Double scored = report.getScores().get(metric);
        if (scored != null) {
            return scored;
        }
        DriftMetric known;
        try {
            known = DriftMetric.fromWireName(metric);
        } catch (IllegalArgumentException unknownToThisBuild) {
            return Double.NaN;
        }
        Double value = switch (known) {
            case PSI -> report.getPsi();
            case JS_DISTANCE -> report.getJsDistance();
            case CONFIDENCE_SHIFT -> report.getConfidenceShift() == null ? null : Math.abs(report.getConfidenceShift());
            case EMBEDDING_COSINE_DISTANCE -> report.getEmbeddingCosineDistance();
            case EMBEDDING_MMD -> report.getEmbeddingMmd();
            case ENTROPY_SHIFT, LENGTH_PSI, UNKNOWN_TOKEN_RATE_SHIFT -> null;
        };
        return value == null ? Double.NaN : value;
    }
}
