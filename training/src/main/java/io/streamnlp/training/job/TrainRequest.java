package io.streamnlp.training.job;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code streamnlp train} run.
 *
 * @param task classification or ner
 * @param train training data (TSV or CoNLL)
 * @param dev dev data, or null to hold out a seeded tenth of {@code train}
 * @param model model name in the registry
 * @param head classification task name inside the bundle, or null to choose (see {@link TrainJob})
 * @param seed fixes the dev split, initialisation and shuffling
 */
public record TrainRequest(TaskType task, Path train, Path dev, String model, String head, long seed) {
    public TrainRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(model, "model");
        if (task == TaskType.SUMMARIZATION) {
            throw new IllegalArgumentException(
                    "summarization is extractive and has nothing to train; use classification or ner");
        }
    }
}
