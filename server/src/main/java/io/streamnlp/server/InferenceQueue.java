package io.streamnlp.server;

import io.streamnlp.inference.batch.Batch;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.batch.TokenBudgetBatcher;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.pipeline.NlpResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inference thread behind a bounded queue. Request threads {@link #submit} texts; the inference thread
 * tokenizes each once, groups them into token-budget batches ({@link TokenBudgetBatcher}: a batch runs when it is
 * full or its oldest text has waited {@code maxWaitMillis}) and runs each with one encoder pass. A new model from
 * the {@link ModelFollower} is swapped in between batches, after the texts already tokenized by the old one ran.
 *
 * <p>The bound counts texts from submission to answer, so a request that does not fit is refused at once
 * ({@link QueueFullException}) rather than queued behind work the server cannot finish in time.
 */
final class InferenceQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceQueue.class);
    /** How often an idle inference thread looks for a new model. */
    private static final long IDLE_WAKE_UP_MILLIS = 100;

    private final int capacity;
    private final Semaphore slots;
    private final LinkedBlockingQueue<Item> arrivals = new LinkedBlockingQueue<>();
    private final TokenBudgetBatcher<Item> batcher;
    private final ModelFollower follower;
    private final ServerMetrics metrics;
    private final CompletableFuture<Void> firstModel = new CompletableFuture<>();
    private final Thread thread;
    private final AtomicInteger batches = new AtomicInteger();
    /** Runs before every batch on the inference thread; tests hold the thread here to fill the queue. */
    private volatile Runnable beforeBatch = () -> {};

    private volatile boolean closed;
    /** Read and written on the inference thread only, after the first model. */
    private ServedModel current;

    InferenceQueue(BatcherConfig batching, int capacity, ModelFollower follower, ServerMetrics metrics) {
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
        this.batcher = new TokenBudgetBatcher<>(batching);
        this.follower = follower;
        this.metrics = metrics;
        metrics.queueDepth(this::depth);
        this.thread = new Thread(this::run, "streamnlp-inference");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether a model is loaded, warmed and serving. */
    boolean ready() {
        return firstModel.isDone();
    }

    /** Completes when the first model serves. */
    CompletableFuture<Void> firstModel() {
        return firstModel;
    }

    /** Texts waiting or running. */
    int depth() {
        return capacity - slots.availablePermits();
    }

    int capacity() {
        return capacity;
    }

    /**
     * Queues texts for enrichment; the future completes with one enrichment per text, in order.
     *
     * @throws QueueFullException when the queue cannot take all of them now
     */
    CompletableFuture<List<Enrichment>> submit(List<String> texts) {
        if (!slots.tryAcquire(texts.size())) {
            throw new QueueFullException("the queue holds " + depth() + " of " + capacity + " texts; retry later");
        }
        Request request = new Request(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            arrivals.add(new Item(request, i, texts.get(i)));
        }
        return request.future;
    }

    void beforeBatch(Runnable hook) {
        this.beforeBatch = hook;
    }

    private void run() {
        try {
            while (!closed) {
                swapIfReady();
                long deadline = batcher.nextDeadline();
                long wait = deadline == Long.MAX_VALUE
                        ? IDLE_WAKE_UP_MILLIS
                        : Math.min(IDLE_WAKE_UP_MILLIS, Math.max(0, deadline - now()));
                Item first = arrivals.poll(wait, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Item> arrived = new ArrayList<>();
                    arrived.add(first);
                    arrivals.drainTo(arrived);
                    arrived.forEach(this::offer);
                }
                runAll(batcher.flushDue(now()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void swapIfReady() {
        ServedModel next = follower.takeReady();
        if (next == null) {
            return;
        }
        ServedModel old = current;
        if (old != null) {
            runAll(batcher.flushAll());
        }
        current = next;
        metrics.serving(next.version());
        firstModel.complete(null);
        if (old != null) {
            LOG.info("serving {} instead of {}", next.version(), old.version());
            old.close();
        }
    }

    private void offer(Item item) {
        try {
            item.tokens = current.pipeline().tokenize(item.text);
        } catch (RuntimeException e) {
            item.request.fail(e);
            slots.release();
            return;
        }
        long now = now();
        while (!batcher.offer(item, Math.max(1, item.tokens.tokenCount()), now)) {
            runAll(batcher.takeFull());
        }
    }

    private void runAll(List<Batch<Item>> ready) {
        for (Batch<Item> batch : ready) {
            runBatch(batch.items());
        }
    }

    private void runBatch(List<Item> items) {
        beforeBatch.run();
        String batchId = "api-" + batches.incrementAndGet();
        metrics.batchRan(items.size());
        try {
            List<TokenizedText> tokens = new ArrayList<>(items.size());
            items.forEach(item -> tokens.add(item.tokens));
            List<NlpResult> results = current.pipeline().predictTokenized(tokens);
            boolean entities = current.pipeline().entities().isPresent();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                item.request.complete(
                        item.index, new Enrichment(results.get(i), current.version(), entities, batchId, items.size()));
            }
        } catch (RuntimeException e) {
            LOG.error("batch {} of {} texts failed", batchId, items.size(), e);
            items.forEach(item -> item.request.fail(e));
        } finally {
            slots.release(items.size());
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IllegalStateException stopped = new IllegalStateException("the server is stopping");
        arrivals.forEach(item -> item.request.fail(stopped));
        batcher.flushAll().forEach(batch -> batch.items().forEach(item -> item.request.fail(stopped)));
        if (current != null) {
            current.close();
        }
    }

    /** One submitted text; its tokens are set on the inference thread. */
    private static final class Item {
        final Request request;
        final int index;
        final String text;
        TokenizedText tokens;

        Item(Request request, int index, String text) {
            this.request = request;
            this.index = index;
            this.text = text;
        }
    }

    /** The texts of one request, answered together once the last of them ran. */
    private static final class Request {
        final CompletableFuture<List<Enrichment>> future = new CompletableFuture<>();
        final Enrichment[] results;
        final AtomicInteger remaining;

        Request(int size) {
            this.results = new Enrichment[size];
            this.remaining = new AtomicInteger(size);
        }

        void complete(int index, Enrichment enrichment) {
            results[index] = enrichment;
            if (remaining.decrementAndGet() == 0) {
                future.complete(Arrays.asList(results));
            }
        }

        void fail(Throwable failure) {
            future.completeExceptionally(failure);
        }
    }
}
