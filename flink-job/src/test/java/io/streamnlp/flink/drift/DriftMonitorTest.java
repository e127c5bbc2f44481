package io.streamnlp.flink.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnlp.drift.DriftMetric;
import io.streamnlp.drift.DriftThresholds;
import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.drift.ReferenceProfileBuilder;
import io.streamnlp.drift.ThresholdCalibration;
import io.streamnlp.drift.WindowPolicy;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.ModelRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor applies the thresholds its model version's reference profile calibrated for the window size. */
class DriftMonitorTest {

    private static final int WINDOW = 4;
    private static final DriftThresholds CALIBRATED = DriftThresholds.defaults().with(DriftMetric.PSI, 0.7);

    @Test
    void appliesTheProfilesCalibratedThresholdsForItsWindow() {
        ReferenceProfile calibrated = profile()
                .withCalibrations(
                        List.of(new ThresholdCalibration(WINDOW, 0.01, 1000, 1L, Map.of("category", CALIBRATED))));
        assertEquals(CALIBRATED.asWireMap(), thresholdsReported(calibrated, DriftThresholds.of(Map.of())));
    }

    @Test
    void aProfileWithoutCalibrationKeepsTheFixedDefaults() {
        assertEquals(
                DriftThresholds.defaults().asWireMap(), thresholdsReported(profile(), DriftThresholds.of(Map.of())));
    }

    @Test
    void configuredThresholdsWinOverCalibratedOnes() {
        ReferenceProfile calibrated = profile()
                .withCalibrations(
                        List.of(new ThresholdCalibration(WINDOW, 0.01, 1000, 1L, Map.of("category", CALIBRATED))));
        DriftThresholds configured = DriftThresholds.of(Map.of(DriftMetric.PSI, 0.9));
        assertEquals(CALIBRATED.with(DriftMetric.PSI, 0.9).asWireMap(), thresholdsReported(calibrated, configured));
    }

    private static Map<String, Double> thresholdsReported(ReferenceProfile reference, DriftThresholds overrides) {
        DriftMonitor monitor = new DriftMonitor(new WindowPolicy.Count(WINDOW), overrides);
        ModelRef model = ModelRef.newBuilder()
                .setName("m")
                .setVersion("1")
                .setDigest("sha256:0")
                .build();
        List<DriftReport> reports = monitor.observe(model, reference, results(WINDOW), 0L);
        assertEquals(1, reports.size());
        return reports.get(0).getThresholds();
    }

    private static ReferenceProfile profile() {
        ReferenceProfileBuilder builder = new ReferenceProfileBuilder();
        results(20).forEach(r -> builder.add(DriftMonitor.observation(r)));
        return builder.build();
    }

    private static List<NlpResult> results(int n) {
        List<NlpResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Classification c = new Classification("category", i % 2 == 0 ? "a" : "b", 0.8f, List.of());
            results.add(new NlpResult(List.of(c), List.of(), null, new float[] {1f, i % 3}, 10, 0, false));
        }
        return results;
    }
}
