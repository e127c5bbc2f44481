package io.streamnlp.training.job;

import io.streamnlp.registry.ModelVersion;
import java.util.Map;

/**
 * What a training run registered.
 *
 * @param version the new version
 * @param task the task trained (classification task name, or {@code ner})
 * @param champion whether it was made champion (it is when the model is new)
 * @param metrics the dev metrics stored with it
 */
public record TrainOutcome(ModelVersion version, String task, boolean champion, Map<String, Double> metrics) {
    public TrainOutcome {
        metrics = Map.copyOf(metrics);
    }
}
