package io.streamnlp.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    @Test
    void scoresEveryLabelOfGoldAndPredictions() {
        ClassificationReport r = ClassificationReport.of(List.of("a", "a", "b", "c"), List.of("a", "b", "b", "a"));

        assertEquals(4, r.n());
        assertEquals(0.5, r.accuracy(), 1e-12);
        assertEquals(new LabelScores(0.5, 0.5, 0.5, 2), r.perLabel().get("a"));
        assertEquals(0.5, r.perLabel().get("b").precision(), 1e-12);
        assertEquals(1.0, r.perLabel().get("b").recall(), 1e-12);
        assertEquals(2.0 / 3, r.perLabel().get("b").f1(), 1e-12);
        assertEquals(new LabelScores(0, 0, 0, 1), r.perLabel().get("c"));
        assertEquals((0.5 + 2.0 / 3 + 0) / 3, r.macroF1(), 1e-12);
    }

    @Test
    void aLabelOnlyPredictedCountsInTheMacroAverage() {
        ClassificationReport r = ClassificationReport.of(List.of("a", "a"), List.of("a", "z"));

        assertEquals(List.of("a", "z"), List.copyOf(r.perLabel().keySet()));
        assertEquals(0, r.perLabel().get("z").support());
        assertEquals((2.0 / 3 + 0) / 2, r.macroF1(), 1e-12);
    }

    @Test
    void rejectsMismatchedOrEmptyInput() {
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(List.of("a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(List.of(), List.of()));
    }
}
