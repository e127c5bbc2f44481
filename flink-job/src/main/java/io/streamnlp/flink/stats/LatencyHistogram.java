package io.streamnlp.flink.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * Latency percentiles from counts of bucketed values, so a window's state stays bounded however many records it holds:
 * values below 1 s are kept to the millisecond, larger ones to three significant digits (at most 0.1% low), which
 * bounds the buckets to about 900 per decade.
 */
public final class LatencyHistogram {
    private static final long EXACT_BELOW_MS = 1_000;

    private LatencyHistogram() {}

    static void add(Map<Long, Long> counts, long latencyMs) {
        counts.merge(bucket(latencyMs), 1L, Long::sum);
    }

    /** The value's bucket: itself below 1 s, else the value cut to three significant digits. */
    public static long bucket(long ms) {
        if (ms < EXACT_BELOW_MS) {
            return ms;
        }
        long unit = 1;
        while (ms / unit >= EXACT_BELOW_MS) {
            unit *= 10;
        }
        return ms / unit * unit;
    }

    /** The nearest-rank percentile ({@code p} in (0, 1]); 0 without values. */
    static long percentile(Map<Long, Long> counts, double p) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (Map.Entry<Long, Long> e : new TreeMap<>(counts).entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total + " values");
    }
}
