package io.streamnlp.retrainer.job;

import io.streamnlp.training.DataFingerprint;
import io.streamnlp.training.data.LabeledText;
import java.util.ArrayList;
import java.util.List;

/**
 * What one retraining learns from and is judged on: the original data plus most of the feedback to
 * train, an even sample of the feedback over time held out. A retrain is asked for soon after traffic
 * shifts, so the shifted labels are the newest few: holding out the newest share would hold out almost
 * all of them, leaving the challenger nothing of the new traffic to learn from and judging it on nothing
 * else. Sampling evenly in time gives both sides the same mix of old and new traffic.
 *
 * @param original the task's original training data
 * @param feedbackTrain the feedback trained on
 * @param holdout the feedback held out, never trained on
 */
public record RetrainingData(
        List<LabeledText> original, List<FeedbackExample> feedbackTrain, List<FeedbackExample> holdout) {

    static final String RECIPE = "streamnlp-retrain/2";

    public RetrainingData {
        original = List.copyOf(original);
        feedbackTrain = List.copyOf(feedbackTrain);
        holdout = List.copyOf(holdout);
    }

    /**
     * Holds out an even sample in time order: example i (oldest first, from 0) is held out when
     * {@code floor((i + 1) * fraction) > floor(i * fraction)}, so a fraction of 0.2 holds out every fifth
     * label, the newest among them; always at least one and at most n - 1.
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
        List<FeedbackExample> train = new ArrayList<>();
        List<FeedbackExample> holdout = new ArrayList<>();
        for (int i = 0; i < byTime.size(); i++) {
            boolean held = Math.floor((i + 1) * holdoutFraction) > Math.floor(i * holdoutFraction);
            (held ? holdout : train).add(byTime.get(i));
        }
        if (holdout.isEmpty()) {
            holdout.add(train.remove(train.size() - 1));
        }
        return new RetrainingData(original, train, holdout);
    }

    /** Original data, then the trained-on feedback, oldest first. */
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
