package io.streamnlp.inference.heads;

import java.util.List;

/**
 * The most probable label sequence of a sentence that is valid IOB2: an {@code I-X} only after a
 * {@code B-X} or {@code I-X}. Taking each word's most probable label alone yields broken chunks (an
 * {@code I-X} after {@code O}, a type switch inside an entity) that cost precision under exact-match
 * scoring; Viterbi over the per-word log-probabilities with those transitions forbidden picks the best
 * sequence that has none. Labels that are neither {@code B-} nor {@code I-} may follow anything.
 */
public final class IobViterbi {
    private final int k;
    /** allowed[from][to]; row k is the sentence start. */
    private final boolean[][] allowed;

    public IobViterbi(List<String> labels) {
        this.k = labels.size();
        this.allowed = new boolean[k + 1][k];
        for (int to = 0; to < k; to++) {
            String target = labels.get(to);
            String insideOf = target.startsWith("I-") && target.length() > 2 ? target.substring(2) : null;
            for (int from = 0; from <= k; from++) {
                if (insideOf == null) {
                    allowed[from][to] = true;
                } else if (from < k) {
                    String source = labels.get(from);
                    allowed[from][to] = source.length() > 2
                            && (source.startsWith("B-") || source.startsWith("I-"))
                            && source.substring(2).equals(insideOf);
                }
            }
        }
    }

    /**
     * @param probs per word, the probability of each label (rows of {@code labels.size()} values)
     * @return per word, the index of its label
     */
    public int[] decode(float[][] probs) {
        int n = probs.length;
        int[] path = new int[n];
        if (n == 0) {
            return path;
        }
        double[] score = new double[k];
        int[][] back = new int[n][k];
        for (int to = 0; to < k; to++) {
            score[to] = allowed[k][to] ? log(probs[0][to]) : Double.NEGATIVE_INFINITY;
        }
        for (int w = 1; w < n; w++) {
            double[] next = new double[k];
            for (int to = 0; to < k; to++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int from = 0; from < k; from++) {
                    if (allowed[from][to] && score[from] > best) {
                        best = score[from];
                        arg = from;
                    }
                }
                next[to] = best + log(probs[w][to]);
                back[w][to] = arg;
            }
            score = next;
        }
        int last = 0;
        for (int c = 1; c < k; c++) {
            if (score[c] > score[last]) {
                last = c;
            }
        }
        path[n - 1] = last;
        for (int w = n - 1; w > 0; w--) {
            path[w - 1] = back[w][path[w]];
        }
        return path;
    }

    /** Floored, so that a label the head rules out entirely still leaves every sequence comparable. */
    private static double log(float p) {
        return Math.log(Math.max(p, 1e-30f));
    }
}
