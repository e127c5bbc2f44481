package io.streamnlp.drift;

import java.util.List;
import java.util.Objects;

/**
 * One classification head's output for one input: the predicted (top-1) label, its probability and the
 * entropy of the whole predicted distribution in nats.
 */
public record Prediction(String label, double confidence, double entropy) {

    public Prediction {
        Objects.requireNonNull(label, "label");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        if (!(entropy >= 0.0) || Double.isInfinite(entropy)) {
            throw new IllegalArgumentException("entropy must be finite and >= 0, got " + entropy);
        }
    }

    /**
     * From the k most probable labels' probabilities only (most probable first), as a pipeline reporting top-k
     * gives them: the probability mass outside the top k counts as one more outcome. With k covering every label
     * this is the exact entropy; otherwise a lower bound, so a reference profile and the live windows compared with
     * it must use the same k.
     */
    public static Prediction fromTopK(String label, double[] topProbabilities) {
        if (topProbabilities.length == 0) {
            throw new IllegalArgumentException("need at least the top-1 probability");
        }
        double entropy = 0.0;
        double mass = 0.0;
        for (double p : topProbabilities) {
            if (!(p >= 0.0 && p <= 1.0 + 1e-6)) {
                throw new IllegalArgumentException("probability is not in [0, 1]: " + p);
            }
            mass += p;
            if (p > 0.0) {
                entropy -= p * Math.log(p);
            }
        }
        double rest = 1.0 - mass;
        if (rest > 1e-9) {
            entropy -= rest * Math.log(rest);
        }
        return new Prediction(label, Math.min(1.0, topProbabilities[0]), Math.max(0.0, entropy));
    }

    /** Derives the top-1 label, its probability and the entropy (nats) from a probability vector. */
    public static Prediction fromProbabilities(List<String> labels, float[] probabilities) {
        if (labels.size() != probabilities.length || labels.isEmpty()) {
            throw new IllegalArgumentException("need one probability per label, got " + probabilities.length
                    + " probabilities for " + labels.size() + " labels");
        }
        int best = 0;
        double entropy = 0.0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0.0 && p <= 1.0 + 1e-6)) {
                throw new IllegalArgumentException("probability " + i + " is not in [0, 1]: " + p);
            }
            if (p > probabilities[best]) {
                best = i;
            }
            if (p > 0.0) {
                entropy -= p * Math.log(p);
            }
        }
        return new Prediction(labels.get(best), Math.min(1.0, probabilities[best]), Math.max(0.0, entropy));
    }
}
