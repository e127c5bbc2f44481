package io.streamnlp.drift;

import static io.streamnlp.drift.ReferenceProfileTest.observation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftCalculatorTest {

    private final DriftCalculator calculator = new DriftCalculator(DriftThresholds.defaults());

    @Test
    void comparesAWindowWithTheReferenceByHand() {
        ReferenceProfile reference = new ReferenceProfileBuilder()
                .add(observation("a", 0.9, new float[] {1f, 0f}, 10, 0))
                .add(observation("b", 0.9, new float[] {1f, 0f}, 10, 0))
                .build();
        DriftWindow window = new DriftWindow()
                .add(observation("a", 0.6, new float[] {1f, 1f}, 10, 1))
                .add(observation("a", 0.6, new float[] {1f, 1f}, 10, 0));

        DriftResult result = calculator.compute(reference, window, "category");

        assertEquals(2, result.count());
        assertEquals(Map.of("a", 1.0), result.labelDistribution());
        assertEquals(Divergences.psi(Map.of("a", 1L, "b", 1L), Map.of("a", 2L)), result.psi(), 1e-12);
        assertEquals(0.5579230453, result.jsDistance(), 1e-9);
        assertEquals(-0.3, result.confidenceShift(), 1e-12);
        assertEquals(1.0 - Math.sqrt(0.5), result.embeddingCosineDistance(), 1e-12);
        assertEquals(0.05, result.unknownTokenRateShift(), 1e-12);
        assertTrue(result.drifted());
        assertEquals(
                List.of(
                        DriftMetric.PSI,
                        DriftMetric.JS_DISTANCE,
                        DriftMetric.CONFIDENCE_SHIFT,
                        DriftMetric.EMBEDDING_COSINE_DISTANCE,
                        DriftMetric.EMBEDDING_MMD,
                        DriftMetric.UNKNOWN_TOKEN_RATE_SHIFT),
                result.driftedMetrics());
    }

    @Test
    void aWindowLikeTheReferenceDoesNotDrift() {
        List<Observation> data = SyntheticTraffic.stationary(9L).next(400);
        ReferenceProfile reference = new ReferenceProfileBuilder().addAll(data).build();
        DriftWindow window = new DriftWindow();
        data.forEach(window::add);

        DriftResult result = calculator.compute(reference, window).get(0);

        assertEquals(0.0, result.psi(), 1e-12);
        assertEquals(0.0, result.jsDistance(), 1e-7);
        assertEquals(0.0, result.confidenceShift(), 1e-12);
        assertEquals(0.0, result.embeddingCosineDistance(), 1e-9);
        assertFalse(result.drifted(), result.toString());
    }

    @Test
    void onlyMetricsWithAThresholdRaiseTheFlag() {
        ReferenceProfile reference = new ReferenceProfileBuilder()
                .add(observation("a", 0.9, null, 10, 0))
                .build();
        DriftWindow window = new DriftWindow().add(observation("b", 0.9, null, 10, 0));
        DriftCalculator jsOnly = new DriftCalculator(DriftThresholds.of(Map.of(DriftMetric.JS_DISTANCE, 0.5)));

        DriftResult result = jsOnly.compute(reference, window, "category");

        assertEquals(List.of(DriftMetric.JS_DISTANCE), result.driftedMetrics());
        assertNull(result.embeddingMmd());
        assertTrue(result.score(DriftMetric.EMBEDDING_MMD).isEmpty());
    }

    @Test
    void mergedWindowsEqualOneWindowOverAllObservations() {
        ReferenceProfile reference = new ReferenceProfileBuilder()
                .addAll(SyntheticTraffic.stationary(1L).next(500))
                .build();
        List<Observation> data = SyntheticTraffic.shifted(2L).next(300);
        DriftWindow whole = new DriftWindow();
        data.forEach(whole::add);
        DriftWindow left = new DriftWindow();
        DriftWindow right = new DriftWindow(DriftWindow.DEFAULT_EMBEDDING_SAMPLE_SIZE, 99L);
        data.subList(0, 120).forEach(left::add);
        data.subList(120, 300).forEach(right::add);

        DriftResult merged = calculator.compute(reference, left.merge(right), SyntheticTraffic.TASK);
        DriftResult direct = calculator.compute(reference, whole, SyntheticTraffic.TASK);

        assertEquals(300, left.count());
        assertEquals(direct.labelDistribution(), merged.labelDistribution());
        assertEquals(direct.psi(), merged.psi(), 1e-12);
        assertEquals(direct.meanConfidence(), merged.meanConfidence(), 1e-12);
        assertEquals(direct.embeddingCosineDistance(), merged.embeddingCosineDistance(), 1e-9);
        assertEquals(direct.embeddingMmd(), merged.embeddingMmd(), 0.01, "both sample the same traffic");
    }

    @Test
    void rejectsWindowsItCannotCompare() {
        ReferenceProfile reference = new ReferenceProfileBuilder()
                .add(observation("a", 0.9, new float[] {1f}, 3, 0))
                .build();
        assertThrows(IllegalArgumentException.class, () -> calculator.compute(reference, new DriftWindow()));
        assertThrows(
                IllegalArgumentException.class,
                () -> calculator.compute(
                        reference, new DriftWindow().add(observation("a", 0.9, new float[] {1f, 2f}, 3, 0))));
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> calculator.compute(
                        reference, new DriftWindow().add(observation("a", 0.9, new float[] {1f}, 3, 0)), "sentiment"));
        assertTrue(missing.getMessage().contains("sentiment"), missing.getMessage());
    }
}
