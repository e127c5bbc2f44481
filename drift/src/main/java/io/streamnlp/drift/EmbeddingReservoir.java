package io.streamnlp.drift;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Uniform sample of at most {@code capacity} embeddings from a stream of unknown length (Vitter's
 * algorithm R), seeded so the same stream always yields the same sample.
 */
final class EmbeddingReservoir implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int capacity;
    private final SplitMix64 random;
    private final List<float[]> sample;
    private long seen;

    EmbeddingReservoir(int capacity, long seed) {
        if (capacity < 2) {
            throw new IllegalArgumentException("embedding sample capacity must be >= 2, got " + capacity);
        }
        this.capacity = capacity;
        this.random = new SplitMix64(seed);
        this.sample = new ArrayList<>(Math.min(capacity, 1024));
    }

    void offer(float[] embedding) {
        seen++;
        if (sample.size() < capacity) {
            sample.add(embedding.clone());
            return;
        }
        long slot = random.nextLong(seen);
        if (slot < capacity) {
            sample.set((int) slot, embedding.clone());
        }
    }

    /**
     * Merges another reservoir into this one: each slot of the result is drawn from one side with probability
     * proportional to how many embeddings that side still stands for.
     */
    void merge(EmbeddingReservoir other) {
        if (other.seen == 0) {
            return;
        }
        List<float[]> mine = new ArrayList<>(sample);
        List<float[]> theirs = other.sample;
        double weightMine = mine.isEmpty() ? 0.0 : (double) seen / mine.size();
        double weightTheirs = (double) other.seen / theirs.size();
        double remainingMine = seen;
        double remainingTheirs = other.seen;
        int nextMine = 0;
        int nextTheirs = 0;
        sample.clear();
        while (sample.size() < capacity && (nextMine < mine.size() || nextTheirs < theirs.size())) {
            boolean takeMine = nextTheirs >= theirs.size()
                    || (nextMine < mine.size()
                            && random.nextDouble() * (remainingMine + remainingTheirs) < remainingMine);
            if (takeMine) {
                sample.add(mine.get(nextMine++));
                remainingMine -= weightMine;
            } else {
                sample.add(theirs.get(nextTheirs++).clone());
                remainingTheirs -= weightTheirs;
            }
        }
        seen += other.seen;
    }

    List<float[]> sample() {
        return List.copyOf(sample);
    }

    long seen() {
        return seen;
    }
}
