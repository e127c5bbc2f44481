package io.streamnlp.inference.task;

import java.util.List;

/**
 * One classification task's result for one text.
 *
 * @param task task name from the bundle
 * @param label the most probable label
 * @param score its probability
 * @param topK the most probable labels, most probable first (the first is {@code label})
 */
public record Classification(String task, String label, float score, List<LabelScore> topK) {

    public Classification {
        topK = List.copyOf(topK);
    }

    /** The scores of {@link #topK()}, most probable first. */
    public double[] topScores() {
        double[] scores = new double[topK.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = topK.get(i).score();
        }
        return scores;
    }
}
