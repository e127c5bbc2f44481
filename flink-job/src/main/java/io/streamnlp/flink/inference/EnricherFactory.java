package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import java.io.Serializable;
import org.apache.flink.metrics.MetricGroup;

/**
 * Creates the subtask's {@link Enricher} when the operator opens (models are not serialisable),
 * around the model the operator chose to start with.
 */
@FunctionalInterface
public interface EnricherFactory extends Serializable {
    Enricher create(JobConfig config, ServedModel model, int subtaskIndex, MetricGroup metrics) throws Exception;
}
