package io.streamnlp.drift;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PredictionTest {

    @Test
    void takesTheTopLabelAndTheEntropyInNats() {
        Prediction p = Prediction.fromProbabilities(List.of("a", "b", "c"), new float[] {0.25f, 0.5f, 0.25f});
        assertEquals("b", p.label());
        assertEquals(0.5, p.confidence(), 1e-9);
        assertEquals(1.5 * Math.log(2), p.entropy(), 1e-7);
    }

    @Test
    void rejectsMismatchedOrInvalidInput() {
        assertThrows(IllegalArgumentException.class,
                () -> Prediction.fromProbabilities(List.of("a"), new float[] {0.5f, 0.5f}));
        assertThrows(IllegalArgumentException.class,
                () -> Prediction.fromProbabilities(List.of("a", "b"), new float[] {1.5f, -0.5f}));
        assertThrows(IllegalArgumentException.class, () -> new Prediction("a", 1.2, 0.0));
        assertThrows(IllegalArgumentException.class,
                () -> new Observation(Map.of(), new float[] {Float.NaN}, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new Observation(Map.of(), null, 3, 4));
    }
}
