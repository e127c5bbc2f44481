package io.streamnlp.cli.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exactly-once audit of a chaos run, from what was read back: every produced id exactly once in
 * enriched ∪ dead-letters under {@code read_committed}; every enriched record from a model version that was
 * champion when the record was made; records of aborted transactions (seen only under
 * {@code read_uncommitted}) counted, so that a run shows the audit had something to catch.
 */
record Audit(
        int enriched,
        int deadLetters,
        int missing,
        int duplicates,
        int unexpected,
        int wrongVersion,
        int abortedSeen,
        List<FaultRecord> faults,
        double maxRecoverySeconds,
        double tps) {

    /** A pause in committed output longer than this is a stall; steady traffic leaves gaps of milliseconds. */
    static final long STALL_MILLIS = 2_000;
    /** A stall counts against a fault when it begins within this long after it, and before the next fault. */
    static final long STALL_WINDOW_MILLIS = 60_000;

    boolean exactlyOnce() {
        return missing == 0 && duplicates == 0 && unexpected == 0 && wrongVersion == 0;
    }

    /**
     * @param produced ids the producer had acknowledged
     * @param committed what {@code read_committed} returned
     * @param uncommittedCount how many records {@code read_uncommitted} returned from the same topics
     * @param championFrom each model version that was champion, with the epoch millis from which it was
     * @param faults the injected faults in the order they happened
     */
    static Audit of(
            Set<String> produced,
            List<Output> committed,
            int uncommittedCount,
            Map<String, Long> championFrom,
            List<FaultRecord> faults) {
        Map<String, Integer> seen = new HashMap<>();
        int enriched = 0;
        int wrongVersion = 0;
        for (Output o : committed) {
            seen.merge(o.id(), 1, Integer::sum);
            if (!o.deadLetter()) {
                enriched++;
                Long from = championFrom.get(o.modelVersion());
                if (from == null || o.atMillis() < from) {
                    wrongVersion++;
                }
            }
        }
        int missing = 0;
        for (String id : produced) {
            if (!seen.containsKey(id)) {
                missing++;
            }
        }
        int duplicates = 0;
        int unexpected = 0;
        for (Map.Entry<String, Integer> e : seen.entrySet()) {
            duplicates += e.getValue() - 1;
            if (!produced.contains(e.getKey())) {
                unexpected++;
            }
        }
        List<Long> times = committed.stream().map(Output::atMillis).sorted().toList();
        List<FaultRecord> withRecovery = new ArrayList<>();
        double maxRecovery = 0;
        for (int i = 0; i < faults.size(); i++) {
            FaultRecord f = faults.get(i);
            long windowEnd = f.atMillis() + STALL_WINDOW_MILLIS;
            if (i + 1 < faults.size()) {
                windowEnd = Math.min(windowEnd, faults.get(i + 1).atMillis());
            }
            double recovery = recoverySeconds(times, f.atMillis(), windowEnd);
            maxRecovery = Math.max(maxRecovery, recovery);
            withRecovery.add(f.withRecovery(recovery));
        }
        return new Audit(
                enriched,
                committed.size() - enriched,
                missing,
                duplicates,
                unexpected,
                wrongVersion,
                Math.max(0, uncommittedCount - committed.size()),
                withRecovery,
                maxRecovery,
                tps(times));
    }

    /**
     * Seconds from the fault to the end of the first stall in committed output that overlaps it (a pause
     * longer than {@link #STALL_MILLIS} that ends after the fault and begins before {@code windowEndMillis});
     * 0 when output never stalled.
     */
    static double recoverySeconds(List<Long> sortedTimes, long faultMillis, long windowEndMillis) {
        for (int i = 1; i < sortedTimes.size(); i++) {
            long before = sortedTimes.get(i - 1);
            long after = sortedTimes.get(i);
            if (after > faultMillis && before < windowEndMillis && after - before > STALL_MILLIS) {
                return (after - faultMillis) / 1000.0;
            }
        }
        return 0;
    }

    /** Records per second between the first and the last committed output. */
    static double tps(Collection<Long> sortedTimes) {
        if (sortedTimes.size() < 2) {
            return 0;
        }
        List<Long> times = List.copyOf(sortedTimes);
        double seconds = (times.get(times.size() - 1) - times.get(0)) / 1000.0;
        return seconds <= 0 ? 0 : Math.round(times.size() / seconds * 10) / 10.0;
    }
}
