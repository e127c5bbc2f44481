package io.streamnlp.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NerReportTest {

    @Test
    void chunksFollowSeqevalDefaultMode() {
        List<String> tags = List.of("B-X", "I-Y", "I-Y", "B-X", "B-X", "I-X", "O", "I-X");

        assertEquals(
                List.of(
                        new EntitySpan("X", 0, 0),
                        new EntitySpan("Y", 1, 2),
                        new EntitySpan("X", 3, 3),
                        new EntitySpan("X", 4, 5),
                        new EntitySpan("X", 7, 7)),
                Chunks.of(tags));
    }

    @Test
    void exactMatchOverAllSentences() {
        List<List<String>> gold = List.of(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("O", "I-MISC", "I-MISC"));
        List<List<String>> predicted =
                List.of(List.of("B-PER", "I-PER", "O", "B-ORG"), List.of("O", "B-MISC", "I-MISC"));

        NerReport r = NerReport.of(gold, predicted);

        assertEquals(2, r.nSentences());
        assertEquals(2.0 / 3, r.precision(), 1e-12);
        assertEquals(2.0 / 3, r.recall(), 1e-12);
        assertEquals(2.0 / 3, r.f1(), 1e-12);
    }

    @Test
    void aPartialSpanIsAMissAndAFalseAlarm() {
        NerReport r = NerReport.of(
                List.of(List.of("B-PER", "I-PER", "O", "O")), List.of(List.of("B-PER", "O", "O", "B-LOC")));

        assertEquals(0, r.precision());
        assertEquals(0, r.recall());
        assertEquals(0, r.f1());
    }

    @Test
    void precisionAndRecallDiffer() {
        NerReport r = NerReport.of(
                List.of(List.of("B-A", "O", "B-B", "O", "B-C")), List.of(List.of("B-A", "O", "O", "O", "O")));

        assertEquals(1.0, r.precision(), 1e-12);
        assertEquals(1.0 / 3, r.recall(), 1e-12);
        assertEquals(0.5, r.f1(), 1e-12);
    }
}
