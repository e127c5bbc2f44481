package io.streamnlp.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditTest {
    private static final Map<String, Long> V1_THEN_V2_AT_5000 = Map.of("1", 0L, "2", 5_000L);

    @Test
    void everyIdOnceInEnrichedOrDeadLettersIsExactlyOnce() {
        Audit audit = Audit.of(
                Set.of("a", "b", "c"),
                List.of(new Output("a", "1", 1_000), new Output("b", null, 1_100), new Output("c", "2", 6_000)),
                5,
                V1_THEN_V2_AT_5000,
                List.of());

        assertTrue(audit.exactlyOnce());
        assertEquals(2, audit.enriched());
        assertEquals(1, audit.deadLetters());
        assertEquals(2, audit.abortedSeen());
    }

    @Test
    void countsMissingDuplicatedAndUnexpectedIds() {
        Audit audit = Audit.of(
                Set.of("a", "b", "c"),
                List.of(new Output("a", "1", 1_000), new Output("a", null, 1_200), new Output("x", "1", 1_300)),
                3,
                V1_THEN_V2_AT_5000,
                List.of());

        assertEquals(2, audit.missing());
        assertEquals(1, audit.duplicates());
        assertEquals(1, audit.unexpected());
        assertFalse(audit.exactlyOnce());
    }

    @Test
    void aVersionUsedBeforeItBecameChampionOrNeverChampionIsWrong() {
        Audit audit = Audit.of(
                Set.of("a", "b", "c"),
                List.of(new Output("a", "2", 4_999), new Output("b", "3", 6_000), new Output("c", "1", 9_000)),
                3,
                V1_THEN_V2_AT_5000,
                List.of());

        assertEquals(2, audit.wrongVersion());
        assertFalse(audit.exactlyOnce());
    }

    @Test
    void recoveryIsTheTimeFromTheFaultToTheEndOfTheStallAroundIt() {
        List<Long> times = List.of(1_000L, 1_500L, 2_000L, 9_000L, 9_100L, 9_200L);

        assertEquals(6.0, Audit.recoverySeconds(times, 3_000, 63_000));
        assertEquals(7.8, Audit.recoverySeconds(times, 1_200, 61_200));
        assertEquals(0.0, Audit.recoverySeconds(times, 9_050, 69_050));
        // a stall that begins after the next fault is that fault's
        assertEquals(0.0, Audit.recoverySeconds(times, 500, 1_800));
    }

    @Test
    void faultsCarryTheirRecoveryAndTheLongestIsReported() {
        List<FaultRecord> faults = List.of(
                new FaultRecord("swap", "champion 1 -> 2", 1_200, 0.2, 0),
                new FaultRecord("taskmanager", "kill -9", 3_000, 2.0, 0),
                new FaultRecord("broker", "kill -9", 9_050, 8.05, 0));
        Audit audit = Audit.of(
                Set.of("a", "b", "c", "d"),
                List.of(
                        new Output("a", "1", 1_000),
                        new Output("b", "1", 2_000),
                        new Output("c", "1", 9_000),
                        new Output("d", "1", 9_100)),
                4,
                Map.of("1", 0L),
                faults);

        assertEquals(
                List.of(7.8, 6.0, 0.0),
                audit.faults().stream().map(FaultRecord::recoverySeconds).toList());
        assertEquals(7.8, audit.maxRecoverySeconds());
        assertEquals(0.5, audit.tps());
    }
}
