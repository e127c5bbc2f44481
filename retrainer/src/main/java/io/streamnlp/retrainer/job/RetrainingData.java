package io.streamnlp.retrainer.job;

import io.streamnlp.training.DataFingerprint;
import io.streamnlp.training.data.LabeledText;
import java.util.ArrayList;
import java.util.List;

/**
 * What one retraining learns from and is judged on: the original data plus the older feedback to
 * train, the newest feedback held out. Holding out the newest labels scores both models on the
 * traffic as it is now, which is what drifted.
 *
 * @param original the task's original training data
 * @param feedbackTrain the older feedback, trained on
 * @param holdout the newest feedback, never trained on
 */
public record RetrainingData(
        List<LabeledText> original, List<FeedbackExample> feedbackTrain, List<FeedbackExample> holdout) {

    static final String RECIPE = "streamnlp-retrain/1";

    public RetrainingData {
        original = List.copyOf(original);
        feedbackTrain = List.copyOf(feedbackTrain);
        holdout = List.copyOf(holdout);
    }

    /**
     * Holds out the newest {@code ceil(fraction * n)} examples, at least one and at most n - 1.
     *
     * @param feedback one example per event, in any order
     */
    public static RetrainingData split(
            List<LabeledText> original, List<FeedbackExample> feedback, double holdoutFraction) {
        if (feedback.size() < 2) {
            throw new IllegalArgumentException(
                    "need at least 2 feedback labels to train and evaluate, got " + feedback.size());
        }
        List<FeedbackExample> byTime = new ArrayList<>(feedback);
        byTime.sort(FeedbackExample.BY_TIME);
        int held = (int) Math.ceil(holdoutFraction * byTime.size());
        held = Math.max(1, Math.min(byTime.size() - 1, held));
        int cut = byTime.size() - held;
        return new RetrainingData(original, byTime.subList(0, cut), byTime.subList(cut, byTime.size()));
    }

    /** Original data, then the older feedback. */
    public List<LabeledText> training() {
        List<LabeledText> all = new ArrayList<>(original);
        feedbackTrain.forEach(f -> all.add(f.labeledText()));
        return all;
    }

    public List<LabeledText> holdoutExamples() {
        return holdout.stream().map(FeedbackExample::labeledText).toList();
    }

    /** Every feedback text, oldest first: the current traffic the challenger's reference profile describes. */
    public List<String> feedbackTexts() {
        List<String> texts = new ArrayList<>(feedbackTrain.size() + holdout.size());
        feedbackTrain.forEach(f -> texts.add(f.text()));
        holdout.forEach(f -> texts.add(f.text()));
        return texts;
    }

    /** Equal for equal inputs: the parent version, the recipe (its settings as text), the data and the split. */
    public String fingerprint(String task, String parentDigest, Object recipe) {
        return new DataFingerprint()
                .add(RECIPE)
                .add(recipe.toString())
                .add(parentDigest)
                .addClassification(task + "-original", original)
                .addClassification(
                        task + "-feedback-train",
                        feedbackTrain.stream().map(FeedbackExample::labeledText).toList())
                .addClassification(task + "-feedback-holdout", holdoutExamples())
                .value();
    }
}
