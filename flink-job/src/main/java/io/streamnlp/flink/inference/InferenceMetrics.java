package io.streamnlp.flink.inference;

import io.streamnlp.flink.metrics.EnrichmentMetrics;
import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;

/** The inference step's metrics: what was enriched or failed, batch shapes, and latencies. */
final class InferenceMetrics {
    private final Counter recordsOut;
    private final Counter inferenceFailures;
    private final Histogram batchSize;
    private final Histogram batchTokens;
    private final Histogram inferenceLatency;
    private final Histogram endToEndLatency;

    InferenceMetrics(MetricGroup metrics, Supplier<ServedModel> serving) {
        this.recordsOut = EnrichmentMetrics.counter(metrics, "records_enriched");
        this.inferenceFailures = EnrichmentMetrics.counter(metrics, "inference_failures");
        this.batchSize = EnrichmentMetrics.histogram(metrics, "batch_size");
        this.batchTokens = EnrichmentMetrics.histogram(metrics, "batch_tokens");
        this.inferenceLatency = EnrichmentMetrics.histogram(metrics, "inference_latency_ms");
        this.endToEndLatency = EnrichmentMetrics.histogram(metrics, "end_to_end_latency_ms");
        metrics.addGroup(EnrichmentMetrics.GROUP).gauge("model_version", () -> versionNumber(serving.get()));
    }

    /** One encoder pass over {@code size} texts padded to {@code longestTokens}. */
    void batchRan(int size, int longestTokens, long passNanos) {
        inferenceLatency.update(passNanos / 1_000_000);
        batchSize.update(size);
        batchTokens.update((long) longestTokens * size);
    }

    void enriched(long endToEndMillis) {
        recordsOut.inc();
        endToEndLatency.update(endToEndMillis);
    }

    void failed() {
        inferenceFailures.inc();
    }

    private static long versionNumber(ServedModel m) {
        if (m == null) {
            return -1;
        }
        try {
            return Long.parseLong(m.ref().getVersion());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
