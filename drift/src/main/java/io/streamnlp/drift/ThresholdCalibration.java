package io.streamnlp.drift;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Thresholds calibrated for windows of one size, stored with the reference profile: a stationary window of
 * {@code windowSize} observations drawn from the reference data puts some metric of some task over its threshold
 * with probability {@code falseAlarmRate} (estimated on {@code bootstrapWindows} bootstrapped windows, see
 * {@link ThresholdCalibrator}).
 *
 * @param tasks thresholds per task; the input metrics (embedding, length, unknown tokens) are the same in every task
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ThresholdCalibration(
        int windowSize, double falseAlarmRate, int bootstrapWindows, long seed, Map<String, DriftThresholds> tasks) {

    public ThresholdCalibration {
        if (windowSize < 2) {
            throw new IllegalArgumentException("calibration window size must be >= 2, got " + windowSize);
        }
        if (!(falseAlarmRate > 0.0 && falseAlarmRate < 1.0)) {
            throw new IllegalArgumentException("false-alarm rate must be in (0, 1), got " + falseAlarmRate);
        }
        if (bootstrapWindows < 1) {
            throw new IllegalArgumentException("bootstrap windows must be >= 1, got " + bootstrapWindows);
        }
        tasks = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tasks, "tasks")));
    }
}
