package io.streamnlp.finetune.job;

import io.streamnlp.finetune.train.FineTuned;
import io.streamnlp.registry.ModelVersion;
import java.util.Map;

/**
 * What a fine-tuning run registered.
 *
 * @param version the new version
 * @param task the task trained (its name in the bundle)
 * @param champion whether it was made champion (it is when the model is new)
 * @param metrics the dev metrics stored with it
 * @param training steps, speed, the chosen checkpoint and whether the time limit ended the run
 */
public record FineTuneOutcome(
        ModelVersion version, String task, boolean champion, Map<String, Double> metrics, FineTuned<?> training) {

    public FineTuneOutcome {
        metrics = Map.copyOf(metrics);
    }
}
