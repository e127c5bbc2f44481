package io.streamnlp.drift;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ReferenceProfile} from a model's observations on its reference data. Memory is bounded by
 * the embedding sample size; the sample is drawn with a fixed seed, so one data set in one order always gives
 * the same profile.
 */
public final class ReferenceProfileBuilder {

    public static final int DEFAULT_EMBEDDING_SAMPLE_SIZE = 200;
    public static final long DEFAULT_SEED = 0x5EED_D81F7L;

    private final ObservationStats stats;

    public ReferenceProfileBuilder() {
        this(DEFAULT_EMBEDDING_SAMPLE_SIZE, DEFAULT_SEED);
    }

    public ReferenceProfileBuilder(int embeddingSampleSize, long seed) {
        this.stats = new ObservationStats(embeddingSampleSize, seed);
    }

    public ReferenceProfileBuilder add(Observation observation) {
        stats.add(observation);
        return this;
    }

    public ReferenceProfileBuilder addAll(Iterable<Observation> observations) {
        observations.forEach(stats::add);
        return this;
    }

    public long count() {
        return stats.count();
    }

    /** @throws IllegalStateException when nothing was added */
    public ReferenceProfile build() {
        if (stats.count() == 0) {
            throw new IllegalStateException("no observations: a reference profile needs reference data");
        }
        Map<String, TaskProfile> tasks = new TreeMap<>();
        stats.tasks()
                .forEach((task, s) -> tasks.put(
                        task,
                        new TaskProfile(
                                s.count(), s.labelCounts(), s.meanConfidence(), s.stdConfidence(), s.meanEntropy())));
        return new ReferenceProfile(
                ReferenceProfile.FORMAT_VERSION,
                stats.count(),
                tasks,
                stats.embeddingMean(),
                stats.embeddingSample(),
                LengthBins.upperBounds(),
                stats.lengthCounts(),
                stats.meanLengthTokens(),
                stats.unknownTokenRate(),
                List.of());
    }
}
