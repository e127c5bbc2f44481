package io.streamnlp.drift;

import java.util.Objects;

/**
 * One classification task's output for one input, as a model reports it: the task, the predicted
 * label, its score and the scores of the k most probable labels (most probable first; may be empty).
 * Plain values, so that this module needs nothing of the inference library.
 */
public record ClassifierOutput(String task, String label, double score, double[] topScores) {

    public ClassifierOutput {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(label, "label");
        topScores = topScores.clone();
    }
}
