package io.streamnlp.drift;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Calibrates per-task thresholds so that a stationary window raises an alarm on any task and metric with a given
 * probability (the family-wise false-alarm rate), by bootstrapping from the reference observations.
 *
 * <p>Each bootstrap round draws, with replacement, a pseudo-reference as large as the reference data and a window of
 * the calibrated size, profiles both with the live code ({@link ReferenceProfileBuilder}, {@link DriftWindow},
 * {@link DriftCalculator}) and records every task's metric scores. Drawing both sides anew each round includes the
 * reference's own sampling noise (a live window is compared with one finite reference, not the population).
 *
 * <p>Max-statistic calibration: the thresholds are the same upper quantile of each metric's bootstrap distribution,
 * that quantile chosen as the highest whose alarms, any metric of any task, hit at most the target rate of the
 * bootstrapped windows. The metrics are strongly correlated (PSI and JS distance read the same counts; the embedding
 * metrics read the same vectors), so this is less conservative than Bonferroni's rate / metrics and still holds the
 * rate over the family. A metric whose bootstrap values are all equal (no unknown tokens in the reference, say)
 * says nothing about its noise: it keeps its fixed default.
 */
public final class ThresholdCalibrator {

    private final CalibrationSettings settings;

    public ThresholdCalibrator(CalibrationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** One calibration per configured window size. */
    public List<ThresholdCalibration> calibrate(List<Observation> reference) {
        return settings.windowSizes().stream().map(n -> calibrate(reference, n)).toList();
    }

    /** @throws IllegalArgumentException when the reference is empty */
    public ThresholdCalibration calibrate(List<Observation> reference, int windowSize) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("cannot calibrate thresholds without reference observations");
        }
        int rounds = settings.bootstrapWindows();
        EmbeddingPool pool = EmbeddingPool.of(reference, settings.seed());
        List<Map<Column, Double>> scores = IntStream.range(0, rounds)
                .parallel()
                .mapToObj(round -> scores(reference, pool, windowSize, roundSeed(windowSize, round)))
                .toList();
        Map<Column, double[]> columns = columns(scores);
        Map<Column, Double> thresholds = maxStatisticThresholds(columns, settings.falseAlarmRate());
        return new ThresholdCalibration(
                windowSize, settings.falseAlarmRate(), rounds, settings.seed(), perTask(thresholds, reference));
    }

    private long roundSeed(int windowSize, int round) {
        return new SplitMix64(settings.seed() ^ ((long) windowSize << 32) ^ round).nextLong();
    }

    /**
     * One bootstrap round. MMD comes from the pool's precomputed distances: the reservoir sample of data drawn with
     * replacement is itself a sample drawn with replacement, so drawing it directly has the same distribution.
     */
    private static Map<Column, Double> scores(
            List<Observation> reference, EmbeddingPool pool, int windowSize, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        // the calculator reads only the centroid of the embeddings; the smallest reservoir keeps the round cheap
        ReferenceProfileBuilder pseudoReference = new ReferenceProfileBuilder(2, random.nextLong());
        for (int i = 0; i < reference.size(); i++) {
            pseudoReference.add(reference.get((int) random.nextLong(reference.size())));
        }
        DriftWindow window = new DriftWindow(2, random.nextLong());
        for (int i = 0; i < windowSize; i++) {
            window.add(reference.get((int) random.nextLong(reference.size())));
        }
        Map<Column, Double> scores = new LinkedHashMap<>();
        DriftCalculator calculator = new DriftCalculator(TaskThresholds.uniform(DriftThresholds.of(Map.of())), false);
        for (DriftResult result : calculator.compute(pseudoReference.build(), window)) {
            for (DriftMetric metric : DriftMetric.values()) {
                result.score(metric).ifPresent(score -> scores.put(Column.of(result.task(), metric), score));
            }
        }
        if (!pool.isEmpty()) {
            int referenceSample = Math.min(ReferenceProfileBuilder.DEFAULT_EMBEDDING_SAMPLE_SIZE, reference.size());
            int windowSample = Math.min(DriftWindow.DEFAULT_EMBEDDING_SAMPLE_SIZE, windowSize);
            scores.put(
                    Column.of("", DriftMetric.EMBEDDING_MMD), pool.resampledMmd(referenceSample, windowSample, random));
        }
        return scores;
    }

    /** Scores by column, one per round; a score a round lacks counts as no alarm. */
    private static Map<Column, double[]> columns(List<Map<Column, Double>> rounds) {
        Map<Column, double[]> columns = new TreeMap<>();
        for (int b = 0; b < rounds.size(); b++) {
            for (Map.Entry<Column, Double> score : rounds.get(b).entrySet()) {
                double[] column = columns.computeIfAbsent(score.getKey(), c -> {
                    double[] values = new double[rounds.size()];
                    Arrays.fill(values, Double.NEGATIVE_INFINITY);
                    return values;
                });
                column[b] = score.getValue();
            }
        }
        return columns;
    }

    /**
     * The k-th largest bootstrap value of every informative column, k the largest for which at most
     * {@code rate x rounds} rounds exceed some column's threshold. Package-private for tests.
     */
    static Map<Column, Double> maxStatisticThresholds(Map<Column, double[]> columns, double rate) {
        Map<Column, double[]> sorted = new TreeMap<>();
        columns.forEach((column, values) -> {
            double[] copy = values.clone();
            Arrays.sort(copy);
            if (copy[0] < copy[copy.length - 1]) {
                sorted.put(column, copy);
            }
        });
        if (sorted.isEmpty()) {
            return Map.of();
        }
        int rounds = sorted.values().iterator().next().length;
        int allowed = (int) Math.floor(rate * rounds);
        int lo = 0;
        int hi = rounds - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (alarms(columns, sorted, mid) <= allowed) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Map<Column, Double> thresholds = new TreeMap<>();
        for (Map.Entry<Column, double[]> column : sorted.entrySet()) {
            thresholds.put(column.getKey(), Math.max(0.0, kthLargest(column.getValue(), lo)));
        }
        return thresholds;
    }

    private static int alarms(Map<Column, double[]> columns, Map<Column, double[]> sorted, int k) {
        int rounds = sorted.values().iterator().next().length;
        boolean[] alarm = new boolean[rounds];
        sorted.forEach((column, values) -> {
            double threshold = kthLargest(values, k);
            double[] scores = columns.get(column);
            for (int b = 0; b < rounds; b++) {
                alarm[b] |= scores[b] > threshold;
            }
        });
        int count = 0;
        for (boolean a : alarm) {
            count += a ? 1 : 0;
        }
        return count;
    }

    private static double kthLargest(double[] ascending, int k) {
        return ascending[ascending.length - 1 - k];
    }

    /** Every task's thresholds: its own label metrics, the shared input metrics, defaults where uninformative. */
    private static Map<String, DriftThresholds> perTask(Map<Column, Double> thresholds, List<Observation> reference) {
        Map<String, DriftThresholds> tasks = new TreeMap<>();
        reference.stream()
                .flatMap(o -> o.predictions().keySet().stream())
                .distinct()
                .forEach(task -> {
                    Map<DriftMetric, Double> values = new EnumMap<>(DriftMetric.class);
                    for (DriftMetric metric : DriftMetric.values()) {
                        Double calibrated = thresholds.get(Column.of(task, metric));
                        if (calibrated != null) {
                            values.put(metric, calibrated);
                        } else {
                            DriftThresholds.defaults().threshold(metric).ifPresent(d -> values.put(metric, d));
                        }
                    }
                    tasks.put(task, DriftThresholds.of(values));
                });
        return tasks;
    }

    /** One metric of one task; input metrics are the same for every task and have no task. */
    record Column(String task, DriftMetric metric) implements Comparable<Column> {

        static Column of(String task, DriftMetric metric) {
            return new Column(isInputMetric(metric) ? "" : task, metric);
        }

        static boolean isInputMetric(DriftMetric metric) {
            return switch (metric) {
                case EMBEDDING_COSINE_DISTANCE, EMBEDDING_MMD, LENGTH_PSI, UNKNOWN_TOKEN_RATE_SHIFT -> true;
                default -> false;
            };
        }

        @Override
        public int compareTo(Column other) {
            int byTask = task.compareTo(other.task);
            return byTask != 0 ? byTask : metric.compareTo(other.metric);
        }
    }
}
