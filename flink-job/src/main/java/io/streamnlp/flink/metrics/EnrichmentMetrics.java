package io.streamnlp.flink.metrics;

import io.streamnlp.schemas.avro.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The job's metrics, all under the {@code streamnlp} group so dashboards find them in one place
 * (Prometheus: {@code flink_taskmanager_job_task_operator_streamnlp_<name>}).
 */
public final class EnrichmentMetrics {
    /** The metric group every StreamNLP metric lives under. */
    public static final String GROUP = "streamnlp";

    private static final int HISTOGRAM_WINDOW = 1024;

    private EnrichmentMetrics() {}

    /** Counters of refused records, one per reason code, created eagerly so every series exists from the start. */
    public static Map<DeadLetterReason, Counter> deadLetterCounters(MetricGroup operatorGroup) {
        MetricGroup g = operatorGroup.addGroup(GROUP).addGroup("dead_letters");
        Map<DeadLetterReason, Counter> counters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counters.put(reason, g.counter(reason.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return counters;
    }

    public static Counter counter(MetricGroup operatorGroup, String name) {
        return operatorGroup.addGroup(GROUP).counter(name);
    }

    public static Histogram histogram(MetricGroup operatorGroup, String name) {
        return operatorGroup.addGroup(GROUP).histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }
}
