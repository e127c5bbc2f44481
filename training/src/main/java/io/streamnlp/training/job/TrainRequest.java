package io.streamnlp.training.job;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.Pooling;
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
 * @param encoder the built-in encoder to train on, or null for the model's own (a new model's: the default)
 * @param pooling the sentence pooling, or null for the model's own (a new model's: the encoder's)
 */
public record TrainRequest(
        TaskType task, Path train, Path dev, String model, String head, long seed, String encoder, Pooling pooling) {

    /**
     * @throws IllegalArgumentException if the task has nothing to train or the encoder is not a built-in one
     */
    public TrainRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(model, "model");
        if (task == TaskType.SUMMARIZATION) {
            throw new IllegalArgumentException(
                    "summarization is extractive and has nothing to train; use classification or ner");
        }
        if (encoder != null) {
            BuiltinEncoder.of(encoder);
        }
    }

    /** A run on the model's own encoder (a new model's: the default). */
    public TrainRequest(TaskType task, Path train, Path dev, String model, String head, long seed) {
        this(task, train, dev, model, head, seed, null, null);
    }
}
