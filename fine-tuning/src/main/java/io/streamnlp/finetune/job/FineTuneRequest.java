package io.streamnlp.finetune.job;

import io.streamnlp.finetune.train.FineTuneConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code streamnlp fine-tune} run (sequence classification).
 *
 * @param train training data, classification TSV
 * @param dev dev data, or null to hold out a seeded tenth of {@code train}
 * @param model model name in the registry
 * @param head the classification task's name in the bundle, or null for the model name when it is a
 *     valid task name, else {@code classification}
 * @param config training settings; its seed also fixes the dev split
 */
public record FineTuneRequest(Path train, Path dev, String model, String head, FineTuneConfig config) {

    public FineTuneRequest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
    }
}
