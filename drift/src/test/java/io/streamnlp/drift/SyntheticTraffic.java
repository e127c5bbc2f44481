package io.streamnlp.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded synthetic model outputs for one classification task ("category", six labels) with 32-dimensional unit
 * embeddings clustered by topic. {@link #stationary} draws the reference mix; {@link #shifted} draws what a real
 * shift looks like to a model: 30% of the traffic is a topic it never saw, which it spreads over its known labels
 * with low confidence, and the mix of known topics changes. Public so other modules' tests can simulate drift.
 */
public final class SyntheticTraffic {

    public static final String TASK = "category";
    public static final List<String> LABELS = List.of("billing", "cards", "transfers", "account", "fraud", "loans");

    private static final int DIMENSION = 32;
    private static final double[] STATIONARY_MIX = {0.30, 0.25, 0.15, 0.12, 0.10, 0.08};
    private static final double[] SHIFTED_MIX = {0.15, 0.15, 0.20, 0.20, 0.15, 0.15};
    private static final double NEW_TOPIC_SHARE = 0.30;
    private static final double[][] CENTERS = topicCenters(LABELS.size() + 1, 7L);

    private final Random random;
    private final boolean shifted;

    private SyntheticTraffic(long seed, boolean shifted) {
        this.random = new Random(seed);
        this.shifted = shifted;
    }

    public static SyntheticTraffic stationary(long seed) {
        return new SyntheticTraffic(seed, false);
    }

    public static SyntheticTraffic shifted(long seed) {
        return new SyntheticTraffic(seed, true);
    }

    public List<Observation> next(int n) {
        List<Observation> observations = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            observations.add(next());
        }
        return observations;
    }

    public Observation next() {
        boolean newTopic = shifted && random.nextDouble() < NEW_TOPIC_SHARE;
        int topic = newTopic ? LABELS.size() : draw(shifted ? SHIFTED_MIX : STATIONARY_MIX);
        int predicted = newTopic ? random.nextInt(LABELS.size()) : topic;
        double u = random.nextDouble();
        double confidence = newTopic ? 0.30 + 0.30 * u : 0.97 - 0.40 * u * u;
        int length = (int) Math.max(1, Math.round(Math.exp(Math.log(20) + 0.5 * random.nextGaussian())));
        int unknown = 0;
        for (int t = 0; t < length; t++) {
            if (random.nextDouble() < 0.002) {
                unknown++;
            }
        }
        Prediction prediction = new Prediction(LABELS.get(predicted), confidence, entropy(confidence));
        return new Observation(Map.of(TASK, prediction), embedding(topic), length, unknown);
    }

    /** Entropy of a distribution with the top label at {@code confidence} and the rest spread evenly. */
    private static double entropy(double confidence) {
        double rest = (1.0 - confidence) / (LABELS.size() - 1);
        return -confidence * Math.log(confidence) - (LABELS.size() - 1) * rest * Math.log(rest);
    }

    private int draw(double[] mix) {
        double u = random.nextDouble();
        for (int i = 0; i < mix.length - 1; i++) {
            u -= mix[i];
            if (u < 0) {
                return i;
            }
        }
        return mix.length - 1;
    }

    private float[] embedding(int topic) {
        double[] v = new double[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = CENTERS[topic][d] + 0.15 * random.nextGaussian();
        }
        return unit(v);
    }

    /** Topic centers sharing one common direction, as sentence embeddings of one domain do. */
    private static double[][] topicCenters(int topics, long seed) {
        Random random = new Random(seed);
        double[] common = new double[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            common[d] = random.nextGaussian();
        }
        double[][] centers = new double[topics][DIMENSION];
        for (int t = 0; t < topics; t++) {
            for (int d = 0; d < DIMENSION; d++) {
                centers[t][d] = common[d] / Math.sqrt(DIMENSION) + random.nextGaussian() / Math.sqrt(DIMENSION);
            }
        }
        return centers;
    }

    private static float[] unit(double[] v) {
        double norm = 0.0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] / norm);
        }
        return unit;
    }
}
