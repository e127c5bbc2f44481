package io.streamnlp.inference.batch;

import io.streamnlp.inference.runtime.InvalidOptionsException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Limits of a {@link TokenBudgetBatcher}.
 *
 * @param maxBatchTokens padded tokens per batch (texts x longest text), the unit of encoder cost
 * @param maxBatchSize texts per batch
 * @param maxWaitMillis how long a text may wait for companions before its bucket is flushed
 * @param capacity texts held at most; at least {@code buckets x maxBatchSize} so that a full batch
 *     exists whenever the batcher is full
 * @param bucketBounds ascending upper token bounds of the length buckets; longer texts go to the last
 */
public record BatcherConfig(
        int maxBatchTokens, int maxBatchSize, long maxWaitMillis, int capacity, int[] bucketBounds) {

    public BatcherConfig {
        if (maxBatchTokens < 1) {
            throw new InvalidOptionsException("maxBatchTokens must be >= 1, got " + maxBatchTokens);
        }
        if (maxBatchSize < 1) {
            throw new InvalidOptionsException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if (maxWaitMillis < 0) {
            throw new InvalidOptionsException("maxWaitMillis must be >= 0, got " + maxWaitMillis);
        }
        if (bucketBounds == null || bucketBounds.length == 0) {
            throw new InvalidOptionsException("bucketBounds must name at least one bound");
        }
        bucketBounds = bucketBounds.clone();
        for (int i = 0; i < bucketBounds.length; i++) {
            if (bucketBounds[i] < 1 || (i > 0 && bucketBounds[i] <= bucketBounds[i - 1])) {
                throw new InvalidOptionsException(
                        "bucketBounds must be positive and ascending, got " + Arrays.toString(bucketBounds));
            }
        }
        if ((long) capacity < (long) bucketBounds.length * maxBatchSize) {
            throw new InvalidOptionsException("capacity must be >= buckets x maxBatchSize = "
                    + ((long) bucketBounds.length * maxBatchSize) + ", got " + capacity);
        }
    }

    /**
     * The default length buckets' upper bounds, each 1.5 times the one before: with doubling bounds a batch was 28%
     * padding on the benchmark's texts, with these 12% (docs/inference.md, Batching).
     */
    public static int[] defaultBucketBounds() {
        return new int[] {16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};
    }

    /** 2048 padded tokens, 64 texts, 20 ms, the {@link #defaultBucketBounds() default buckets}, capacity 1024. */
    public static BatcherConfig defaults() {
        return new BatcherConfig(2048, 64, 20, 1024, defaultBucketBounds());
    }

    @Override
    public int[] bucketBounds() {
        return bucketBounds.clone();
    }

    /** Index of the bucket for a text of {@code tokens} tokens. */
    int bucketOf(int tokens) {
        for (int i = 0; i < bucketBounds.length; i++) {
            if (tokens <= bucketBounds[i]) {
                return i;
            }
        }
        return bucketBounds.length - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatcherConfig c
                && c.maxBatchTokens == maxBatchTokens
                && c.maxBatchSize == maxBatchSize
                && c.maxWaitMillis == maxWaitMillis
                && c.capacity == capacity
                && Arrays.equals(c.bucketBounds, bucketBounds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bucketBounds) + Objects.hash(maxBatchTokens, maxBatchSize, maxWaitMillis, capacity);
    }

    @Override
    public String toString() {
        return "BatcherConfig[maxBatchTokens=" + maxBatchTokens + ", maxBatchSize=" + maxBatchSize + ", maxWaitMillis="
                + maxWaitMillis + ", capacity=" + capacity + ", bucketBounds=" + Arrays.toString(bucketBounds) + "]";
    }
}
