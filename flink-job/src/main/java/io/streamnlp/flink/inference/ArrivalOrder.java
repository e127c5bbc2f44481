package io.streamnlp.flink.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Releases results in arrival order although batches, formed by length, complete out of it: a result
 * waits until every earlier arrival has completed. An arrival that produced nothing (its event was
 * dead-lettered) completes with null and holds nothing back.
 */
final class ArrivalOrder<T> {
    private final Map<Long, T> completed = new HashMap<>();
    private long nextArrival;
    private long nextRelease;

    /** The place of a new arrival. */
    long arrive() {
        return nextArrival++;
    }

    void complete(long seq, T result) {
        completed.put(seq, result);
    }

    /** The results now in order behind every earlier arrival, oldest first; nulls left out. */
    List<T> release() {
        List<T> out = new ArrayList<>();
        while (completed.containsKey(nextRelease)) {
            T result = completed.remove(nextRelease++);
            if (result != null) {
                out.add(result);
            }
        }
        return out;
    }
}
