package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskThresholdsTest {

    private static final DriftThresholds AT_200 = DriftThresholds.defaults().with(DriftMetric.JS_DISTANCE, 0.2);
    private static final DriftThresholds AT_500 = DriftThresholds.defaults().with(DriftMetric.JS_DISTANCE, 0.13);
    private static final ReferenceProfile PROFILE = new ReferenceProfileBuilder()
            .add(ReferenceProfileTest.observation("a", 0.8, null, 5, 0))
            .build()
            .withCalibrations(List.of(
                    new ThresholdCalibration(200, 0.01, 1000, 1L, Map.of("category", AT_200)),
                    new ThresholdCalibration(500, 0.01, 1000, 1L, Map.of("category", AT_500))));
    private static final DriftThresholds NONE = DriftThresholds.of(Map.of());

    @Test
    void takesTheCalibrationOfTheWindowSizeOrTheLargestBelowIt() {
        assertEquals(AT_200, resolve(new WindowPolicy.Count(200), NONE).forTask("category"));
        assertEquals(AT_200, resolve(new WindowPolicy.Count(499), NONE).forTask("category"));
        assertEquals(AT_500, resolve(new WindowPolicy.Count(2000), NONE).forTask("category"));
        assertEquals(
                500, resolve(new WindowPolicy.Count(2000), NONE).calibration().windowSize());
    }

    @Test
    void fallsBackToTheFixedThresholdsWhereNoCalibrationFits() {
        TaskThresholds small = resolve(new WindowPolicy.Count(100), NONE);
        assertNull(small.calibration());
        assertEquals(DriftThresholds.defaults(), small.forTask("category"));
        assertEquals(
                DriftThresholds.defaults(),
                resolve(new WindowPolicy.Time(Duration.ofMinutes(5), Duration.ZERO), NONE)
                        .forTask("category"));
        ReferenceProfile uncalibrated = PROFILE.withCalibrations(List.of());
        assertEquals(
                DriftThresholds.defaults(),
                TaskThresholds.forWindow(uncalibrated, new WindowPolicy.Count(200), DriftThresholds.defaults(), NONE)
                        .forTask("category"));
    }

    @Test
    void explicitThresholdsWinOverCalibratedOnes() {
        DriftThresholds overrides = DriftThresholds.of(Map.of(DriftMetric.PSI, 0.9));
        TaskThresholds resolved = resolve(new WindowPolicy.Count(200), overrides);
        assertEquals(AT_200.with(DriftMetric.PSI, 0.9), resolved.forTask("category"));
        assertEquals(DriftThresholds.defaults().with(DriftMetric.PSI, 0.9), resolved.forTask("another task"));
    }

    private static TaskThresholds resolve(WindowPolicy policy, DriftThresholds overrides) {
        return TaskThresholds.forWindow(PROFILE, policy, DriftThresholds.defaults(), overrides);
    }
}
