package io.streamnlp.inference.batch;

import java.util.List;

/**
 * Texts that run through the encoder together.
 *
 * @param items the batched requests, oldest first
 * @param paddedLength tokens of the longest item: every row is padded to it
 */
public record Batch<T>(List<T> items, int paddedLength) {

    public Batch {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    /** What the encoder pays for this batch: {@code size x paddedLength}. */
    public int paddedTokens() {
        return items.size() * paddedLength;
    }
}
