package io.streamnlp.drift;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bounded-memory statistics of a stream of observations, shared by the reference profile builder and the
 * live window so that both sides of every comparison are computed the same way.
 */
final class ObservationStats implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TreeMap<String, TaskStats> tasks = new TreeMap<>();
    private final EmbeddingReservoir reservoir;
    private final long[] lengthCounts = new long[LengthBins.count()];
    private double[] embeddingSum;
    private long embeddingCount;
    private long count;
    private long tokenSum;
    private long unknownTokenSum;

    ObservationStats(int embeddingSampleSize, long seed) {
        this.reservoir = new EmbeddingReservoir(embeddingSampleSize, seed);
    }

    void add(Observation observation) {
        observation
                .predictions()
                .forEach((task, prediction) ->
                        tasks.computeIfAbsent(task, t -> new TaskStats()).add(prediction));
        float[] embedding = observation.embedding();
        if (embedding != null) {
            if (embeddingSum == null) {
                embeddingSum = new double[embedding.length];
            } else if (embeddingSum.length != embedding.length) {
                throw new IllegalArgumentException("embedding dimension " + embedding.length + " differs from the "
                        + embeddingSum.length + " seen before");
            }
            for (int i = 0; i < embedding.length; i++) {
                embeddingSum[i] += embedding[i];
            }
            embeddingCount++;
            reservoir.offer(embedding);
        }
        lengthCounts[LengthBins.binOf(observation.lengthTokens())]++;
        count++;
        tokenSum += observation.lengthTokens();
        unknownTokenSum += observation.unknownTokens();
    }

    void merge(ObservationStats other) {
        other.tasks.forEach((task, stats) ->
                tasks.computeIfAbsent(task, t -> new TaskStats()).merge(stats));
        if (other.embeddingSum != null) {
            if (embeddingSum == null) {
                embeddingSum = new double[other.embeddingSum.length];
            } else if (embeddingSum.length != other.embeddingSum.length) {
                throw new IllegalArgumentException("cannot merge embeddings of dimension " + other.embeddingSum.length
                        + " into dimension " + embeddingSum.length);
            }
            for (int i = 0; i < embeddingSum.length; i++) {
                embeddingSum[i] += other.embeddingSum[i];
            }
        }
        embeddingCount += other.embeddingCount;
        reservoir.merge(other.reservoir);
        for (int i = 0; i < lengthCounts.length; i++) {
            lengthCounts[i] += other.lengthCounts[i];
        }
        count += other.count;
        tokenSum += other.tokenSum;
        unknownTokenSum += other.unknownTokenSum;
    }

    long count() {
        return count;
    }

    Map<String, TaskStats> tasks() {
        return new TreeMap<>(tasks);
    }

    /** Mean embedding, or null when no observation carried one. */
    double[] embeddingMean() {
        if (embeddingCount == 0) {
            return null;
        }
        double[] mean = new double[embeddingSum.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = embeddingSum[i] / embeddingCount;
        }
        return mean;
    }

    List<float[]> embeddingSample() {
        return reservoir.sample();
    }

    long[] lengthCounts() {
        return lengthCounts.clone();
    }

    double meanLengthTokens() {
        return count == 0 ? 0.0 : (double) tokenSum / count;
    }

    /** Unknown tokens over all tokens (0 when no tokens were seen). */
    double unknownTokenRate() {
        return tokenSum == 0 ? 0.0 : (double) unknownTokenSum / tokenSum;
    }
}
