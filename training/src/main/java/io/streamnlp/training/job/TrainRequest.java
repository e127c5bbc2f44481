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
 * @param encoder the encoder a new model trains on
 */
public record TrainRequest(
        TaskType task, Path train, Path dev, String model, String head, long seed, EncoderChoice encoder) {

    /**
     * @throws IllegalArgumentException if the task has nothing to train
     */
    public TrainRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(model, "model");
        if (task == TaskType.SUMMARIZATION) {
            throw new IllegalArgumentException(
                    "summarization is extractive and has nothing to train; use classification or ner");
        }
        Objects.requireNonNull(encoder, "encoder");
    }

    /** A run on the model's own encoder (a new model's: the default). */
    public TrainRequest(TaskType task, Path train, Path dev, String model, String head, long seed) {
        this(task, train, dev, model, head, seed, EncoderChoice.MODEL_OWN);
    }
}
