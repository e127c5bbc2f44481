package io.streamnlp.finetune.job;

import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.training.job.TaskType;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One fine-tuning run ({@code streamnlp train --fine-tune}).
 *
 * @param task classification (TSV data) or ner (CoNLL data)
 * @param train training data
 * @param dev dev data, or null to hold out a seeded tenth of {@code train}
 * @param model model name in the registry
 * @param head for classification, the task's name in the bundle, or null to choose as head-only
 *     training does ({@code ClassificationTaskName}); must be null for ner
 * @param config training settings; its seed also fixes the dev split
 */
public record FineTuneRequest(TaskType task, Path train, Path dev, String model, String head, FineTuneConfig config) {

    public FineTuneRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        if (task == TaskType.SUMMARIZATION) {
            throw new IllegalArgumentException(
                    "summarization is extractive and has nothing to fine-tune; use classification or ner");
        }
        if (task == TaskType.NER && head != null) {
            throw new IllegalArgumentException("--head names a classification task; a bundle has one ner task");
        }
    }
}
