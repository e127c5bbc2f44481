package io.streamnlp.finetune.train;

import io.streamnlp.finetune.model.ClassifierWeights;

/**
 * The outcome of a fine-tuning run.
 *
 * @param weights the best checkpoint (by dev score)
 * @param dev that checkpoint's dev report
 * @param devScore that checkpoint's dev score ({@code scoreName} of the task)
 * @param bestStep the step that checkpoint was taken at
 * @param steps optimizer steps run
 * @param examples training examples seen
 * @param trainingSeconds time spent in training steps (dev evaluation excluded)
 * @param stoppedByTimeLimit whether {@code maxSeconds} ended the run before its planned steps
 * @param stoppedEarly whether {@code patience} evaluations without a better dev score ended the run
 * @param schedule the settings the run trained with, picked ones included
 * @param devCurve the dev score of every evaluation
 */
public record FineTuned<R>(
        ClassifierWeights weights,
        R dev,
        double devScore,
        int bestStep,
        int steps,
        long examples,
        double trainingSeconds,
        boolean stoppedByTimeLimit,
        boolean stoppedEarly,
        FineTuneConfig schedule,
        DevCurve devCurve) {

    public double examplesPerSecond() {
        return trainingSeconds > 0 ? examples / trainingSeconds : 0;
    }
}
