package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Calibrated thresholds on seeded synthetic traffic: windows drawn from the reference distribution alarm at about the
 * configured rate over all metrics together, a real shift still alarms, and the calibration is repeatable.
 */
class ThresholdCalibratorTest {

    private static final int WINDOW = 200;
    private static final double RATE = 0.01;
    private static final List<Observation> REFERENCE_DATA =
            SyntheticTraffic.stationary(1L).next(2000);
    private static final ThresholdCalibration CALIBRATION = new ThresholdCalibrator(
                    CalibrationSettings.defaults().withWindowSizes(List.of(WINDOW)))
            .calibrate(REFERENCE_DATA, WINDOW);
    private static final ReferenceProfile REFERENCE =
            new ReferenceProfileBuilder().addAll(REFERENCE_DATA).build().withCalibrations(List.of(CALIBRATION));
    private static final DriftCalculator CALCULATOR = new DriftCalculator(TaskThresholds.forWindow(
            REFERENCE, new WindowPolicy.Count(WINDOW), DriftThresholds.defaults(), DriftThresholds.of(Map.of())));

    @Test
    void stationaryWindowsAlarmAtTheConfiguredRateOverAllMetrics() {
        SyntheticTraffic traffic = SyntheticTraffic.stationary(2L);
        int windows = 500;
        int alarms = 0;
        for (int w = 0; w < windows; w++) {
            alarms += window(traffic).drifted() ? 1 : 0;
        }
        // expected 5 of 500 at 1 %; a binomial(500, 0.01) exceeds 12 with probability < 0.1 %
        assertTrue(alarms <= 12, alarms + " of " + windows + " stationary windows alarmed");
    }

    @Test
    void fixedThresholdsAlarmFarMoreOftenOnTheSameStream() {
        DriftCalculator fixed = new DriftCalculator(DriftThresholds.defaults());
        SyntheticTraffic traffic = SyntheticTraffic.stationary(2L);
        int alarms = 0;
        for (int w = 0; w < 200; w++) {
            DriftWindow window = new DriftWindow();
            traffic.next(WINDOW).forEach(window::add);
            alarms += fixed.compute(REFERENCE, window, SyntheticTraffic.TASK).drifted() ? 1 : 0;
        }
        assertTrue(alarms >= 10, "the fixed js_distance threshold sits inside the noise at this window: " + alarms);
    }

    @Test
    void aRealShiftStillAlarmsInEveryWindow() {
        SyntheticTraffic traffic = SyntheticTraffic.shifted(3L);
        for (int w = 0; w < 10; w++) {
            DriftResult result = window(traffic);
            assertTrue(
                    result.driftedMetrics().containsAll(List.of(DriftMetric.PSI, DriftMetric.JS_DISTANCE)),
                    "shifted window " + w + " missed: " + result);
        }
    }

    @Test
    void isRepeatableWithItsSeed() {
        CalibrationSettings quick = new CalibrationSettings(0.05, 200, List.of(WINDOW), 4L);
        ThresholdCalibration once = new ThresholdCalibrator(quick).calibrate(REFERENCE_DATA, WINDOW);
        ThresholdCalibration again = new ThresholdCalibrator(quick).calibrate(REFERENCE_DATA, WINDOW);
        assertEquals(once, again);
        assertEquals(new ThresholdCalibration(WINDOW, 0.05, 200, 4L, once.tasks()), again);
    }

    @Test
    void largerWindowsGetTighterLabelThresholds() {
        ThresholdCalibrator calibrator = new ThresholdCalibrator(new CalibrationSettings(0.05, 200, List.of(), 4L));
        DriftThresholds small =
                calibrator.calibrate(REFERENCE_DATA, 100).tasks().get(SyntheticTraffic.TASK);
        DriftThresholds big = calibrator.calibrate(REFERENCE_DATA, 1000).tasks().get(SyntheticTraffic.TASK);
        for (DriftMetric metric : List.of(DriftMetric.PSI, DriftMetric.JS_DISTANCE, DriftMetric.CONFIDENCE_SHIFT)) {
            assertTrue(
                    big.threshold(metric).getAsDouble()
                            < small.threshold(metric).getAsDouble(),
                    metric + ": " + big + " vs " + small);
        }
    }

    @Test
    void maxStatisticHoldsTheFamilyRateAndSkipsConstantMetrics() {
        int rounds = 1000;
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        double[] constant = new double[rounds];
        SplitMix64 random = new SplitMix64(9L);
        for (int i = 0; i < rounds; i++) {
            a[i] = random.nextDouble();
            b[i] = random.nextDouble();
        }
        Map<ThresholdCalibrator.Column, double[]> columns = new TreeMap<>();
        columns.put(ThresholdCalibrator.Column.of("t", DriftMetric.PSI), a);
        columns.put(ThresholdCalibrator.Column.of("t", DriftMetric.JS_DISTANCE), b);
        columns.put(ThresholdCalibrator.Column.of("t", DriftMetric.UNKNOWN_TOKEN_RATE_SHIFT), constant);

        Map<ThresholdCalibrator.Column, Double> thresholds = ThresholdCalibrator.maxStatisticThresholds(columns, RATE);

        assertNull(thresholds.get(ThresholdCalibrator.Column.of("t", DriftMetric.UNKNOWN_TOKEN_RATE_SHIFT)));
        double ta = thresholds.get(ThresholdCalibrator.Column.of("t", DriftMetric.PSI));
        double tb = thresholds.get(ThresholdCalibrator.Column.of("t", DriftMetric.JS_DISTANCE));
        int alarms = 0;
        for (int i = 0; i < rounds; i++) {
            alarms += a[i] > ta || b[i] > tb ? 1 : 0;
        }
        // two independent metrics: each gets about half the budget, together at most the rate
        assertTrue(alarms <= RATE * rounds && alarms >= RATE * rounds - 2, "alarms " + alarms);
        assertTrue(ta > 0.99 && tb > 0.99, ta + " " + tb);
    }

    private static DriftResult window(SyntheticTraffic traffic) {
        DriftWindow window = new DriftWindow();
        traffic.next(WINDOW).forEach(window::add);
        return CALCULATOR.compute(REFERENCE, window, SyntheticTraffic.TASK);
    }
}
