package io.streamnlp.flink.drift;

import io.streamnlp.schemas.avro.DriftReport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/** The last window's drift figures as Flink gauges, labelled by task ({@code streamnlp.drift.<metric>}, {@code task=<task>}). */
public final class DriftGauges {
    private final MetricGroup group;
    private final Map<String, DriftReport> last = new ConcurrentHashMap<>();

    public DriftGauges(MetricGroup group) {
        this.group = group;
    }

    public void update(DriftReport report) {
        String task = report.getTask();
        if (last.put(task, report) == null) {
            // a key-value group: Prometheus sees streamnlp_drift_js_distance{task="category"}
            MetricGroup g = group.addGroup("task", task);
            g.gauge("js_distance", gauge(task, r -> r.getJsDistance()));
            g.gauge("psi", gauge(task, r -> r.getPsi()));
            g.gauge("embedding_cosine_distance", gauge(task, r -> r.getEmbeddingCosineDistance()));
            g.gauge("embedding_mmd", gauge(task, r -> r.getEmbeddingMmd()));
            g.gauge("mean_confidence", gauge(task, r -> r.getMeanConfidence()));
            g.gauge("drifted", (Gauge<Integer>) () -> last.get(task).getDrifted() ? 1 : 0);
        }
    }

    private Gauge<Double> gauge(String task, java.util.function.Function<DriftReport, Double> value) {
        return () -> {
            Double v = value.apply(last.get(task));
            return v == null ? Double.NaN : v;
        };
    }
}
