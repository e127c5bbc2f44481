package io.streamnlp.drift;

import java.util.List;

/**
 * How {@link ThresholdCalibrator} calibrates: the false-alarm rate per window over all tasks and metrics together,
 * the number of bootstrapped windows (at least {@code 10 / falseAlarmRate}, so the rate's tail holds a few
 * windows), the window sizes to calibrate for, and the seed that makes it repeatable.
 */
public record CalibrationSettings(double falseAlarmRate, int bootstrapWindows, List<Integer> windowSizes, long seed) {

    public static final double DEFAULT_FALSE_ALARM_RATE = 0.01;
    public static final int DEFAULT_BOOTSTRAP_WINDOWS = 1000;
    /** The offline check's default window and the streaming job's default {@code count:500}. */
    public static final List<Integer> DEFAULT_WINDOW_SIZES = List.of(200, 500);

    public static final long DEFAULT_SEED = 0xCA11B7L;

    public CalibrationSettings {
        if (!(falseAlarmRate > 0.0 && falseAlarmRate < 1.0)) {
            throw new IllegalArgumentException("false-alarm rate must be in (0, 1), got " + falseAlarmRate);
        }
        if (bootstrapWindows * falseAlarmRate < 10.0) {
            throw new IllegalArgumentException(
                    "" + bootstrapWindows + " bootstrap windows are too few for a " + "false-alarm rate of "
                            + falseAlarmRate + ": need at least " + (int) Math.ceil(10.0 / falseAlarmRate));
        }
        windowSizes = List.copyOf(windowSizes);
        if (windowSizes.stream().anyMatch(n -> n < 2)) {
            throw new IllegalArgumentException("window sizes must be >= 2, got " + windowSizes);
        }
    }

    public static CalibrationSettings defaults() {
        return new CalibrationSettings(
                DEFAULT_FALSE_ALARM_RATE, DEFAULT_BOOTSTRAP_WINDOWS, DEFAULT_WINDOW_SIZES, DEFAULT_SEED);
    }

    public CalibrationSettings withWindowSizes(List<Integer> sizes) {
        return new CalibrationSettings(falseAlarmRate, bootstrapWindows, sizes, seed);
    }

    public CalibrationSettings withFalseAlarmRate(double rate) {
        return new CalibrationSettings(
                rate, Math.max(bootstrapWindows, (int) Math.ceil(10.0 / rate)), windowSizes, seed);
    }
}
