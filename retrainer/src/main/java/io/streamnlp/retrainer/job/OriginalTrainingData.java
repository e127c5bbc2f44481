package io.streamnlp.retrainer.job;

import io.streamnlp.training.bundle.DefaultBundle;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.util.List;

/**
 * The labelled data a model's task was first trained on, which a retrained head keeps learning from
 * so that feedback adds to what the model knew instead of replacing it.
 */
@FunctionalInterface
public interface OriginalTrainingData {

    /** The examples for a model's task; empty when the model's original data is not known. */
    List<LabeledText> forTask(String model, String task);

    /**
     * The project's seed corpus for the {@value DefaultBundle#MODEL} model (the train split its heads
     * were trained on); nothing for other models, which the registry holds without their data.
     */
    static OriginalTrainingData seedCorpus() {
        return (model, task) -> DefaultBundle.MODEL.equals(model) && SeedCorpus.CLASSIFICATION_TASKS.contains(task)
                ? SeedCorpus.bundled().classification(task, Split.TRAIN)
                : List.of();
    }
}
