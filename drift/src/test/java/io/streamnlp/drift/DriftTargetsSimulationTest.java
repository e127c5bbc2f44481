package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The product targets on seeded synthetic traffic at window size 200: no metric stays over its default threshold
 * for 3 consecutive windows (the trigger's default K) across 60 stationary windows, and a real shift puts a metric
 * over its threshold in each of the first 3 shifted windows, so the trigger fires within 3 windows.
 */
class DriftTargetsSimulationTest {

    private static final int WINDOW = 200;
    private static final int K = 3;

    private static final ReferenceProfile REFERENCE = new ReferenceProfileBuilder()
            .addAll(SyntheticTraffic.stationary(1L).next(5000))
            .build();
    private final DriftCalculator calculator = new DriftCalculator(DriftThresholds.defaults());

    @Test
    void stationaryTrafficNeverKeepsAMetricOverThresholdForKWindows() {
        SyntheticTraffic traffic = SyntheticTraffic.stationary(2L);
        Map<DriftMetric, Integer> streak = new EnumMap<>(DriftMetric.class);
        int longest = 0;
        for (int w = 0; w < 60; w++) {
            DriftResult result = window(traffic);
            for (DriftMetric metric : DriftMetric.values()) {
                int run = result.driftedMetrics().contains(metric) ? streak.getOrDefault(metric, 0) + 1 : 0;
                streak.put(metric, run);
                longest = Math.max(longest, run);
            }
        }
        assertTrue(longest < K, "a metric stayed over threshold for " + longest + " stationary windows");
    }

    @Test
    void aRealShiftIsOverThresholdOnTheSameMetricInEachOfTheFirstKWindows() {
        SyntheticTraffic traffic = SyntheticTraffic.shifted(3L);
        List<DriftResult> first = List.of(window(traffic), window(traffic), window(traffic));
        for (DriftMetric metric : List.of(
                DriftMetric.PSI, DriftMetric.JS_DISTANCE, DriftMetric.CONFIDENCE_SHIFT, DriftMetric.EMBEDDING_MMD)) {
            assertTrue(
                    first.stream().allMatch(r -> r.driftedMetrics().contains(metric)),
                    metric.wireName() + " missed the shift in one of the first " + K + " windows: " + first);
        }
    }

    private DriftResult window(SyntheticTraffic traffic) {
        DriftWindow window = new DriftWindow();
        traffic.next(WINDOW).forEach(window::add);
        return calculator.compute(REFERENCE, window, SyntheticTraffic.TASK);
    }
}
