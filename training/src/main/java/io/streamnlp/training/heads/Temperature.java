package io.streamnlp.training.heads;

import java.util.List;

/**
 * Temperature scaling (Guo et al., 2017): the one temperature T for which softmax(logits / T) has the
 * lowest log-loss on held-out rows. Found by golden-section search on log T, which the log-loss is
 * unimodal in.
 */
final class Temperature {
    static final double MIN = 0.05;
    static final double MAX = 20;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;
    private static final int STEPS = 40;

    private Temperature() {}

    static double fit(Head head, List<float[]> x, List<String> gold) {
        float[][] logits = new float[x.size()][];
        int[] y = new int[x.size()];
        for (int i = 0; i < x.size(); i++) {
            logits[i] = head.logits(x.get(i));
            y[i] = head.labels().indexOf(gold.get(i));
        }
        double lo = Math.log(MIN);
        double hi = Math.log(MAX);
        double a = hi - GOLDEN * (hi - lo);
        double b = lo + GOLDEN * (hi - lo);
        double fa = logLoss(logits, y, Math.exp(a));
        double fb = logLoss(logits, y, Math.exp(b));
        for (int step = 0; step < STEPS; step++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - GOLDEN * (hi - lo);
                fa = logLoss(logits, y, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + GOLDEN * (hi - lo);
                fb = logLoss(logits, y, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** Mean negative log-likelihood; a dev label the head does not know counts as a miss at every temperature. */
    static double logLoss(float[][] logits, int[] y, double temperature) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < logits.length; i++) {
            if (y[i] < 0) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (float z : logits[i]) {
                max = Math.max(max, z / temperature);
            }
            double norm = 0;
            for (float z : logits[i]) {
                norm += Math.exp(z / temperature - max);
            }
            sum -= logits[i][y[i]] / temperature - max - Math.log(norm);
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }
}
