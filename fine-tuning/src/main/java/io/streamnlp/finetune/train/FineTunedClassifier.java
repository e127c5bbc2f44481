package io.streamnlp.finetune.train;

import io.streamnlp.finetune.model.ClassifierWeights;
import io.streamnlp.training.metrics.ClassificationReport;

/**
 * The outcome of fine-tuning a classifier.
 *
 * @param weights the best checkpoint (by dev accuracy)
 * @param dev that checkpoint's dev report
 * @param bestStep the step that checkpoint was taken at
 * @param steps optimizer steps run
 * @param examples training examples seen
 * @param trainingSeconds time spent in training steps (dev evaluation excluded)
 * @param stoppedByTimeLimit whether {@code maxSeconds} ended the run before its planned steps
 */
public record FineTunedClassifier(ClassifierWeights weights, ClassificationReport dev, int bestStep, int steps,
        long examples, double trainingSeconds, boolean stoppedByTimeLimit) {

    public double examplesPerSecond() {
        return trainingSeconds > 0 ? examples / trainingSeconds : 0;
    }
}
