package io.streamnlp.inference.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups requests into encoder batches that waste little padding: requests wait in buckets of
 * similar token length, and a bucket yields a batch when it is full (by {@code maxBatchSize} or
 * by {@code maxBatchTokens} of padded tokens) or when its oldest request has waited
 * {@code maxWaitMillis}.
 *
 * <p>The batcher has no threads and reads no clock: callers pass the time to {@link #offer} and
 * {@link #flushDue}, and {@link #nextDeadline()} says when to call {@link #flushDue} next (a Flink
 * operator registers a processing-time timer for it). Not thread-safe: one owner drives it.
 *
 * <p>Backpressure: {@link #offer} refuses (returns false) when {@code capacity} requests are held.
 * The capacity is at least buckets x maxBatchSize, so a refused caller always finds a batch in
 * {@link #takeFull()}; it runs that batch and offers again. A request with more tokens than
 * {@code maxBatchTokens} forms a batch of its own.
 *
 * @param <T> the request type
 */
public final class TokenBudgetBatcher<T> {

    private final BatcherConfig config;
    private final List<ArrayDeque<Pending<T>>> buckets;
    private int pending;

    public TokenBudgetBatcher(BatcherConfig config) {
        this.config = config;
        int n = config.bucketBounds().length;
        buckets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            buckets.add(new ArrayDeque<>());
        }
    }

    public BatcherConfig config() {
        return config;
    }

    /**
     * Adds a request unless the batcher is at capacity.
     *
     * @param tokens tokens the request occupies in a batch (e.g. {@code NlpPipeline.tokenCount})
     * @param nowMillis the caller's clock
     * @return false if the batcher is full: take and run {@link #takeFull()} batches, then offer again
     */
    public boolean offer(T item, int tokens, long nowMillis) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be >= 1, got " + tokens);
        }
        if (pending >= config.capacity()) {
            return false;
        }
        buckets.get(config.bucketOf(tokens)).addLast(new Pending<>(item, tokens, nowMillis));
        pending++;
        return true;
    }

    /** Batches that are full now, oldest first; nothing that could still grow is returned. */
    public List<Batch<T>> takeFull() {
        List<Stamped<T>> out = new ArrayList<>();
        cutFull(out);
        return oldestFirst(out);
    }

    /**
     * Full batches plus every bucket whose oldest request has waited {@code maxWaitMillis} by
     * {@code nowMillis}, oldest first.
     */
    public List<Batch<T>> flushDue(long nowMillis) {
        List<Stamped<T>> out = new ArrayList<>();
        cutFull(out);
        for (ArrayDeque<Pending<T>> bucket : buckets) {
            if (!bucket.isEmpty() && bucket.peekFirst().arrivalMillis + config.maxWaitMillis() <= nowMillis) {
                drain(bucket, out);
            }
        }
        return oldestFirst(out);
    }

    /** Everything held, as budget-respecting batches, oldest first (end of input, checkpoint, close). */
    public List<Batch<T>> flushAll() {
        List<Stamped<T>> out = new ArrayList<>();
        for (ArrayDeque<Pending<T>> bucket : buckets) {
            drain(bucket, out);
        }
        return oldestFirst(out);
    }

    /** When {@link #flushDue} will next have something to flush, or {@link Long#MAX_VALUE} if nothing is held. */
    public long nextDeadline() {
        long deadline = Long.MAX_VALUE;
        for (ArrayDeque<Pending<T>> bucket : buckets) {
            if (!bucket.isEmpty()) {
                deadline = Math.min(deadline, bucket.peekFirst().arrivalMillis + config.maxWaitMillis());
            }
        }
        return deadline;
    }

    /** Requests held. */
    public int pending() {
        return pending;
    }

    private void cutFull(List<Stamped<T>> out) {
        for (ArrayDeque<Pending<T>> bucket : buckets) {
            Stamped<T> b;
            while ((b = cut(bucket, false)) != null) {
                out.add(b);
            }
        }
    }

    private void drain(ArrayDeque<Pending<T>> bucket, List<Stamped<T>> out) {
        while (!bucket.isEmpty()) {
            out.add(cut(bucket, true));
        }
    }

    /**
     * Cuts the longest prefix of a bucket that fits the limits. Without {@code force} the prefix is
     * cut only when it is full: it reached maxBatchSize, the next request does not fit, or not even a
     * request as long as its longest would fit.
     */
    private Stamped<T> cut(ArrayDeque<Pending<T>> bucket, boolean force) {
        int count = 0;
        int longest = 0;
        boolean full = false;
        for (Pending<T> p : bucket) {
            int wider = Math.max(longest, p.tokens);
            if (count > 0 && (long) (count + 1) * wider > config.maxBatchTokens()) {
                full = true;
                break;
            }
            count++;
            longest = wider;
            if (count == config.maxBatchSize()) {
                full = true;
                break;
            }
        }
        if (count == 0) {
            return null;
        }
        full |= (long) (count + 1) * longest > config.maxBatchTokens();
        if (!full && !force) {
            return null;
        }
        List<T> items = new ArrayList<>(count);
        long arrival = bucket.peekFirst().arrivalMillis;
        for (int i = 0; i < count; i++) {
            items.add(bucket.pollFirst().item);
        }
        pending -= count;
        return new Stamped<>(new Batch<>(items, longest), arrival);
    }

    private static <T> List<Batch<T>> oldestFirst(List<Stamped<T>> batches) {
        batches.sort(Comparator.comparingLong(Stamped::arrivalMillis));
        return batches.stream().map(Stamped::batch).toList();
    }

    private record Pending<T>(T item, int tokens, long arrivalMillis) {}

    /** A batch with the arrival time of its oldest request, for ordering. */
    private record Stamped<T>(Batch<T> batch, long arrivalMillis) {}
}
