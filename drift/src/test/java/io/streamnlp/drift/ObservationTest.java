package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObservationTest {

    @Test
    void mapsEachTaskThroughItsTopKScores() {
        Observation o = Observation.of(
                List.of(new ClassifierOutput("intent", "a", 0.5, new double[] {0.5, 0.25})),
                new float[] {1f, 0f},
                12,
                1);
        assertEquals(
                Prediction.fromTopK("a", new double[] {0.5, 0.25}),
                o.predictions().get("intent"));
        assertEquals(12, o.lengthTokens());
        assertEquals(1, o.unknownTokens());
    }

    @Test
    void aTaskWithoutTopKCountsItsScoreAlone() {
        Observation o = Observation.of(List.of(new ClassifierOutput("intent", "a", 0.75, new double[0])), null, 3, 0);
        assertEquals(
                Prediction.fromTopK("a", new double[] {0.75}), o.predictions().get("intent"));
    }

    @Test
    void capsUnknownTokensAtTheTokenCount() {
        assertEquals(2, Observation.of(List.of(), null, 2, 5).unknownTokens());
    }
}
