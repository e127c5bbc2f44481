package io.streamnlp.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Compares a window of live observations with a reference profile and applies thresholds. Stateless. */
public final class DriftCalculator {

    private final TaskThresholds thresholds;
    private final boolean withMmd;

    /** The same thresholds for every task. */
    public DriftCalculator(DriftThresholds thresholds) {
        this(TaskThresholds.uniform(Objects.requireNonNull(thresholds, "thresholds")));
    }

    public DriftCalculator(TaskThresholds thresholds) {
        this(thresholds, true);
    }

    /** Without MMD, for {@link ThresholdCalibrator}, which computes it from a pool of precomputed distances. */
    DriftCalculator(TaskThresholds thresholds, boolean withMmd) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.withMmd = withMmd;
    }

    public TaskThresholds thresholds() {
        return thresholds;
    }

    /**
     * One result per task that both the reference and the window have predictions for, in task name order.
     *
     * @throws IllegalArgumentException when the window is empty
     */
    public List<DriftResult> compute(ReferenceProfile reference, DriftWindow window) {
        InputDrift input = inputDrift(reference, window);
        Map<String, TaskStats> live = window.stats().tasks();
        List<DriftResult> results = new ArrayList<>();
        reference.tasks().forEach((task, profile) -> {
            TaskStats stats = live.get(task);
            if (stats != null) {
                results.add(taskDrift(task, profile, stats, input));
            }
        });
        return results;
    }

    /** @throws IllegalArgumentException when the window is empty or either side lacks the task */
    public DriftResult compute(ReferenceProfile reference, DriftWindow window, String task) {
        TaskProfile profile = reference.tasks().get(task);
        if (profile == null) {
            throw new IllegalArgumentException("reference profile has no task '" + task + "', only "
                    + reference.tasks().keySet());
        }
        TaskStats stats = window.stats().tasks().get(task);
        if (stats == null) {
            throw new IllegalArgumentException("window has no predictions for task '" + task + "'");
        }
        return taskDrift(task, profile, stats, inputDrift(reference, window));
    }

    private DriftResult taskDrift(String task, TaskProfile profile, TaskStats stats, InputDrift input) {
        Map<String, Long> counts = stats.labelCounts();
        Map<String, Double> distribution = new TreeMap<>();
        counts.forEach((label, n) -> distribution.put(label, (double) n / stats.count()));
        double meanConfidence = stats.meanConfidence();
        double meanEntropy = stats.meanEntropy();
        return new DriftResult(
                        task,
                        stats.count(),
                        distribution,
                        Divergences.psi(profile.labelCounts(), counts),
                        Divergences.jensenShannonDistance(profile.labelCounts(), counts),
                        meanConfidence,
                        meanConfidence - profile.meanConfidence(),
                        meanEntropy,
                        meanEntropy - profile.meanEntropy(),
                        input.cosineDistance(),
                        input.mmd(),
                        input.meanLengthTokens(),
                        input.lengthPsi(),
                        input.unknownTokenRate(),
                        input.unknownTokenRateShift(),
                        false,
                        List.of(),
                        thresholds.forTask(task))
                .flagged();
    }

    private InputDrift inputDrift(ReferenceProfile reference, DriftWindow window) {
        ObservationStats stats = window.stats();
        if (stats.count() == 0) {
            throw new IllegalArgumentException("cannot compute drift over an empty window");
        }
        Double cosine = null;
        Double mmd = null;
        double[] mean = stats.embeddingMean();
        if (reference.hasEmbeddings() && mean != null) {
            double[] centroid = reference.embeddingCentroid();
            if (centroid.length != mean.length) {
                throw new IllegalArgumentException("window embeddings have dimension " + mean.length
                        + " but the reference centroid has " + centroid.length);
            }
            cosine = cosineDistance(mean, centroid);
            List<float[]> sample = stats.embeddingSample();
            if (withMmd && sample.size() >= 2 && reference.embeddingSample().size() >= 2) {
                mmd = Mmd.squaredUnbiased(reference.embeddingSample(), sample);
            }
        }
        double lengthPsi = Divergences.psi(binCounts(reference.lengthCounts()), binCounts(stats.lengthCounts()));
        double unknownRate = stats.unknownTokenRate();
        return new InputDrift(
                cosine,
                mmd,
                stats.meanLengthTokens(),
                lengthPsi,
                unknownRate,
                unknownRate - reference.unknownTokenRate());
    }

    /** 1 - cos(a, b); null when either vector is zero, where the angle is undefined. */
    static Double cosineDistance(double[] a, double[] b) {
        double dot = 0.0;
        double normA = 0.0;
        double normB = 0.0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        if (normA == 0.0 || normB == 0.0) {
            return null;
        }
        double cosine = Math.max(-1.0, Math.min(1.0, dot / Math.sqrt(normA * normB)));
        return 1.0 - cosine;
    }

    private static Map<String, Long> binCounts(long[] counts) {
        Map<String, Long> bins = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            bins.put(Integer.toString(i), counts[i]);
        }
        return bins;
    }

    private record InputDrift(
            Double cosineDistance,
            Double mmd,
            double meanLengthTokens,
            double lengthPsi,
            double unknownTokenRate,
            double unknownTokenRateShift) {}
}
