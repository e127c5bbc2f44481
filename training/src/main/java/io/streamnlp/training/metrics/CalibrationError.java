package io.streamnlp.training.metrics;

import io.streamnlp.training.heads.Head;
import java.util.List;

/**
 * Expected calibration error: rows binned by the confidence of their top label into ten equal-width
 * bins, the gap between each bin's mean confidence and its accuracy, weighted by the bin's share of
 * rows. 0 means that a 0.8 score is right 80% of the time.
 */
public final class CalibrationError {
    private static final int BINS = 10;

    private CalibrationError() {}

    public static double expected(Head head, List<float[]> x, List<String> gold) {
        double[] confidence = new double[BINS];
        double[] correct = new double[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < x.size(); i++) {
            float[] p = head.probabilities(x.get(i));
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            int bin = Math.min(BINS - 1, (int) (p[best] * BINS));
            confidence[bin] += p[best];
            correct[bin] += head.labels().get(best).equals(gold.get(i)) ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(confidence[b] - correct[b]) / x.size();
            }
        }
        return ece;
    }
}
