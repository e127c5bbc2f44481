package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionTest {

    @Test
    void takesTheTopLabelAndTheEntropyInNats() {
        Prediction p = Prediction.fromProbabilities(List.of("a", "b", "c"), new float[] {0.25f, 0.5f, 0.25f});
        assertEquals("b", p.label());
        assertEquals(0.5, p.confidence(), 1e-9);
        assertEquals(1.5 * Math.log(2), p.entropy(), 1e-7);
    }

    @Test
    void fromTheTopKCountsTheRestAsOneOutcome() {
        // top 2 of (.5, .25, .125, .125): the remaining .25 is one outcome -> entropy of (.5, .25, .25)
        Prediction p = Prediction.fromTopK("a", new double[] {0.5, 0.25});
        assertEquals(0.5, p.confidence(), 1e-12);
        assertEquals(1.5 * Math.log(2), p.entropy(), 1e-12);
        assertEquals(
                Prediction.fromProbabilities(List.of("a", "b"), new float[] {0.75f, 0.25f})
                        .entropy(),
                Prediction.fromTopK("a", new double[] {0.75, 0.25}).entropy(),
                1e-7);
    }

    @Test
    void rejectsMismatchedOrInvalidInput() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Prediction.fromProbabilities(List.of("a"), new float[] {0.5f, 0.5f}));
        assertThrows(
                IllegalArgumentException.class,
                () -> Prediction.fromProbabilities(List.of("a", "b"), new float[] {1.5f, -0.5f}));
        assertThrows(IllegalArgumentException.class, () -> new Prediction("a", 1.2, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new Observation(Map.of(), new float[] {Float.NaN}, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new Observation(Map.of(), null, 3, 4));
    }
}
