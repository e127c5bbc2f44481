package io.streamnlp.training.metrics;

/** Precision, recall and F1 of one label, and how often it occurs in the gold data. */
public record LabelScores(double precision, double recall, double f1, int support) {

    static LabelScores of(int truePositives, int predicted, int support) {
        double p = predicted == 0 ? 0 : (double) truePositives / predicted;
        double r = support == 0 ? 0 : (double) truePositives / support;
        return new LabelScores(p, r, f1(p, r), support);
    }

    static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
