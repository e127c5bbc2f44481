package io.streamnlp.flink.drift;

import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.ModelRef;
import java.util.List;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift as a side view of the outputs: feeds the {@link DriftMonitor} (when {@code drift.enabled}),
 * publishes closed windows as gauges, and never lets a drift failure cost an event its enrichment.
 */
public final class DriftObserver {
    private static final Logger LOG = LoggerFactory.getLogger(DriftObserver.class);

    private final DriftMonitor monitor;
    private final DriftGauges gauges;

    public DriftObserver(JobConfig.Drift config, MetricGroup metrics) {
        this.monitor = config.enabled() ? new DriftMonitor(config.windowPolicy(), config.thresholdOverrides()) : null;
        this.gauges = new DriftGauges(metrics.addGroup(EnrichmentMetrics.GROUP).addGroup("drift"));
    }

    /** Adds one batch's results; returns the reports of the windows it closed (none on a failure, which is logged). */
    public List<DriftReport> observe(ModelRef model, ReferenceProfile reference, List<NlpResult> results, long now) {
        if (monitor == null) {
            return List.of();
        }
        try {
            List<DriftReport> reports = monitor.observe(model, reference, results, now);
            reports.forEach(gauges::update);
            return reports;
        } catch (RuntimeException e) {
            LOG.error(
                    "drift monitoring failed on a batch of model {}:{}; its events are enriched regardless",
                    model.getName(),
                    model.getVersion(),
                    e);
            return List.of();
        }
    }
}
