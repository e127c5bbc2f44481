package io.streamnlp.drift;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thresholds a {@link DriftCalculator} applies, per task: calibrated ones from the reference profile where it
 * holds a calibration for the window, otherwise one set for every task. Explicitly configured thresholds win over
 * calibrated ones, metric by metric.
 *
 * @param calibration the calibration the task thresholds come from, or null when they are fixed
 */
public record TaskThresholds(
        Map<String, DriftThresholds> tasks, DriftThresholds fallback, ThresholdCalibration calibration) {

    private static final Logger LOG = LoggerFactory.getLogger(TaskThresholds.class);

    public TaskThresholds {
        tasks = Map.copyOf(Objects.requireNonNull(tasks, "tasks"));
        Objects.requireNonNull(fallback, "fallback");
    }

    /** The same thresholds for every task. */
    public static TaskThresholds uniform(DriftThresholds thresholds) {
        return new TaskThresholds(Map.of(), thresholds, null);
    }

    /**
     * The thresholds for windows cut by {@code policy} against {@code reference}: the calibration for the window
     * size, or for the largest calibrated size below it (smaller windows are noisier, so their thresholds are
     * higher and their false-alarm rate lower); the fixed {@code defaults} when the profile has no calibration
     * that fits, with a log line saying why. {@code overrides} replace the metrics they name either way.
     */
    public static TaskThresholds forWindow(
            ReferenceProfile reference, WindowPolicy policy, DriftThresholds defaults, DriftThresholds overrides) {
        Optional<ThresholdCalibration> calibration = Optional.empty();
        if (policy instanceof WindowPolicy.Count count) {
            calibration = reference.calibrations().stream()
                    .filter(c -> c.windowSize() <= count.size())
                    .max(Comparator.comparingInt(ThresholdCalibration::windowSize));
        }
        if (calibration.isEmpty()) {
            LOG.info(
                    "drift: fixed thresholds for {} windows: the reference profile has {}",
                    policy,
                    reference.calibrations().isEmpty()
                            ? "no calibrated thresholds"
                            : "calibrations for count windows of "
                                    + reference.calibrations().stream()
                                            .map(ThresholdCalibration::windowSize)
                                            .toList()
                                    + " only");
            return uniform(override(defaults, overrides));
        }
        ThresholdCalibration chosen = calibration.get();
        Map<String, DriftThresholds> tasks = new TreeMap<>();
        chosen.tasks().forEach((task, thresholds) -> tasks.put(task, override(thresholds, overrides)));
        LOG.info(
                "drift: thresholds calibrated for windows of {} at a false-alarm rate of {} for {} windows",
                chosen.windowSize(),
                chosen.falseAlarmRate(),
                policy);
        return new TaskThresholds(tasks, override(defaults, overrides), chosen);
    }

    public DriftThresholds forTask(String task) {
        return tasks.getOrDefault(task, fallback);
    }

    private static DriftThresholds override(DriftThresholds base, DriftThresholds overrides) {
        DriftThresholds result = base;
        for (DriftMetric metric : DriftMetric.values()) {
            var value = overrides.threshold(metric);
            if (value.isPresent()) {
                result = result.with(metric, value.getAsDouble());
            }
        }
        return result;
    }
}
