package io.streamnlp.flink.inference;

import io.streamnlp.inference.batch.Batch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Encoder passes running on the subtask's model thread, so that the task thread tokenizes arrivals and builds the
 * records of one pass while the model computes the next. Passes run one at a time in submission order and are
 * handed back in that order; at most {@code maxInFlight} are held, so a slow model still backpressures the caller.
 * Not thread-safe: the task thread owns it, the model thread only runs the passes.
 */
final class InFlightPasses implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** A submitted batch and its pass. */
    record InFlight(Batch<QueuedEvent> batch, CompletableFuture<Enricher.Pass> pass) {}

    private final ExecutorService modelThread;
    private final int maxInFlight;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

    InFlightPasses(String threadName, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.modelThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether another pass may be submitted without first waiting for the oldest. */
    boolean hasRoom() {
        return inFlight.size() < maxInFlight;
    }

    boolean isEmpty() {
        return inFlight.isEmpty();
    }

    /**
     * Starts {@code pass} on the model thread; {@code whenDone} runs on the model thread once it finished, to wake
     * the owner. The caller must have made room first ({@link #hasRoom}, {@link #awaitOldest}).
     */
    void submit(Batch<QueuedEvent> batch, Function<List<QueuedEvent>, Enricher.Pass> pass, Runnable whenDone) {
        if (!hasRoom()) {
            throw new IllegalStateException(maxInFlight + " passes already in flight");
        }
        CompletableFuture<Enricher.Pass> future =
                CompletableFuture.supplyAsync(() -> pass.apply(batch.items()), modelThread);
        future.whenComplete((done, failure) -> whenDone.run());
        inFlight.addLast(new InFlight(batch, future));
    }

    /** The finished passes ahead of every unfinished one, oldest first, without waiting. */
    List<Finished> takeFinished() {
        List<Finished> out = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.peekFirst().pass().isDone()) {
            out.add(finished(inFlight.pollFirst()));
        }
        return out;
    }

    /** Waits for the oldest pass. */
    Finished awaitOldest() {
        InFlight oldest = inFlight.pollFirst();
        if (oldest == null) {
            throw new IllegalStateException("no pass in flight");
        }
        return finished(oldest);
    }

    /** A pass that finished, with its batch. */
    record Finished(Batch<QueuedEvent> batch, Enricher.Pass pass) {}

    private static Finished finished(InFlight f) {
        try {
            return new Finished(f.batch(), f.pass().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an encoder pass", e);
        } catch (ExecutionException e) {
            // the pass isolates failures per event, so what arrives here is a bug or an Error: fail the task with it
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the model thread, letting a running pass end first so that its model is not closed under it. */
    @Override
    public void close() {
        inFlight.clear();
        modelThread.shutdown();
        try {
            if (!modelThread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                modelThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            modelThread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
