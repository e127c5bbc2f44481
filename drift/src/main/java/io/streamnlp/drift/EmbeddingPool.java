package io.streamnlp.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The reference embeddings with their pairwise squared distances computed once, so that the threshold calibration
 * can estimate MMD on thousands of resampled pairs of samples without recomputing distances. At most
 * {@link #MAX_SIZE} embeddings (a seeded subsample beyond that): the distances take {@code 4 x MAX_SIZE^2} bytes.
 */
final class EmbeddingPool {

    static final int MAX_SIZE = 2000;

    private final int size;
    private final double[] upperTriangle;

    private EmbeddingPool(List<float[]> embeddings) {
        this.size = embeddings.size();
        this.upperTriangle = new double[size * (size - 1) / 2];
        IntStream.range(0, size).parallel().forEach(i -> {
            float[] a = embeddings.get(i);
            int row = offset(i);
            for (int j = i + 1; j < size; j++) {
                upperTriangle[row + j - i - 1] = Mmd.squaredDistance(a, embeddings.get(j));
            }
        });
    }

    /** The pool of the observations' embeddings; empty when fewer than two observations carry one. */
    static EmbeddingPool of(List<Observation> observations, long seed) {
        List<float[]> embeddings = new ArrayList<>();
        for (Observation o : observations) {
            if (o.embedding() != null) {
                embeddings.add(o.embedding());
            }
        }
        SplitMix64 random = new SplitMix64(seed);
        // partial Fisher-Yates: the first MAX_SIZE places hold a uniform subsample
        for (int i = 0; i < Math.min(MAX_SIZE, embeddings.size()); i++) {
            int j = i + (int) random.nextLong(embeddings.size() - i);
            embeddings.set(i, embeddings.set(j, embeddings.get(i)));
        }
        return new EmbeddingPool(embeddings.subList(0, Math.min(MAX_SIZE, embeddings.size())));
    }

    boolean isEmpty() {
        return size < 2;
    }

    /**
     * Unbiased MMD² between {@code m} and {@code n} embeddings drawn uniformly with replacement from the pool, as two
     * independent reservoir samples of bootstrapped data are.
     */
    double resampledMmd(int m, int n, SplitMix64 random) {
        int[] points = new int[m + n];
        for (int i = 0; i < points.length; i++) {
            points[i] = (int) random.nextLong(size);
        }
        return Mmd.squaredUnbiased(m, n, (i, j) -> squaredDistance(points[i], points[j]));
    }

    private double squaredDistance(int a, int b) {
        if (a == b) {
            return 0.0;
        }
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return upperTriangle[offset(lo) + hi - lo - 1];
    }

    /** Index of pair (i, i + 1) in the row-major upper triangle. */
    private int offset(int i) {
        return i * (2 * size - i - 1) / 2;
    }
}
