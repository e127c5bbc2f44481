package io.streamnlp.drift;

import java.io.Serializable;

/**
 * One window of live observations for one model version. Memory is bounded: counts and sums, plus a seeded
 * reservoir sample of at most {@code embeddingSampleSize} embeddings for MMD. Mergeable, so it can serve as
 * the accumulator of a Flink {@code AggregateFunction}.
 */
public final class DriftWindow implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_EMBEDDING_SAMPLE_SIZE = 200;
    public static final long DEFAULT_SEED = 0xD81F7L;

    private final ObservationStats stats;

    public DriftWindow() {
        this(DEFAULT_EMBEDDING_SAMPLE_SIZE, DEFAULT_SEED);
    }

    public DriftWindow(int embeddingSampleSize, long seed) {
        this.stats = new ObservationStats(embeddingSampleSize, seed);
    }

    public DriftWindow add(Observation observation) {
        stats.add(observation);
        return this;
    }

    /** Adds everything {@code other} saw to this window and returns this window. */
    public DriftWindow merge(DriftWindow other) {
        stats.merge(other.stats);
        return this;
    }

    /** Observations in the window. */
    public long count() {
        return stats.count();
    }

    ObservationStats stats() {
        return stats;
    }
}
