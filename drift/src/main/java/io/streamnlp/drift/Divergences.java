package io.streamnlp.drift;

import java.util.Map;
import java.util.TreeSet;

/**
 * Distances between two categorical distributions given as counts over named bins. Bins missing from one side
 * count as zero there; the bins compared are the union of both sides.
 */
public final class Divergences {

    /** Additive smoothing for PSI, so that a bin empty on one side gives a large but finite term. */
    public static final double PSI_EPSILON = 1e-4;

    private Divergences() {}

    /**
     * Population stability index: PSI = sum_i (q_i - p_i) ln(q_i / p_i), with p the reference and q the current
     * shares after smoothing every bin as (share + eps) / (1 + B eps), B the number of bins and
     * eps = {@value #PSI_EPSILON}.
     */
    public static double psi(Map<String, Long> referenceCounts, Map<String, Long> currentCounts) {
        TreeSet<String> bins = union(referenceCounts, currentCounts);
        double referenceTotal = total(referenceCounts);
        double currentTotal = total(currentCounts);
        double norm = 1.0 + bins.size() * PSI_EPSILON;
        double psi = 0.0;
        for (String bin : bins) {
            double p = (referenceCounts.getOrDefault(bin, 0L) / referenceTotal + PSI_EPSILON) / norm;
            double q = (currentCounts.getOrDefault(bin, 0L) / currentTotal + PSI_EPSILON) / norm;
            psi += (q - p) * Math.log(q / p);
        }
        return psi;
    }

    /**
     * Jensen-Shannon distance with base-2 logarithms: sqrt(JSD), JSD = (KL(P||M) + KL(Q||M)) / 2, M = (P + Q) / 2.
     * Needs no smoothing (0 log 0 = 0) and lies in [0, 1].
     */
    public static double jensenShannonDistance(Map<String, Long> referenceCounts, Map<String, Long> currentCounts) {
        TreeSet<String> bins = union(referenceCounts, currentCounts);
        double referenceTotal = total(referenceCounts);
        double currentTotal = total(currentCounts);
        double divergence = 0.0;
        for (String bin : bins) {
            double p = referenceCounts.getOrDefault(bin, 0L) / referenceTotal;
            double q = currentCounts.getOrDefault(bin, 0L) / currentTotal;
            double m = (p + q) / 2.0;
            if (p > 0.0) {
                divergence += 0.5 * p * log2(p / m);
            }
            if (q > 0.0) {
                divergence += 0.5 * q * log2(q / m);
            }
        }
        return Math.sqrt(Math.min(1.0, Math.max(0.0, divergence)));
    }

    private static TreeSet<String> union(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> bins = new TreeSet<>(a.keySet());
        bins.addAll(b.keySet());
        return bins;
    }

    private static double total(Map<String, Long> counts) {
        long total = 0;
        for (long n : counts.values()) {
            if (n < 0) {
                throw new IllegalArgumentException("counts must be >= 0, got " + n);
            }
            total += n;
        }
        if (total == 0) {
            throw new IllegalArgumentException("a distribution needs at least one count");
        }
        return total;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }
}
