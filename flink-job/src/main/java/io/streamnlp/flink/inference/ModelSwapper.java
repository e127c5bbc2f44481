package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.registry.ModelVersion;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.flink.util.clock.Clock;
import org.apache.flink.util.clock.SystemClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the next model off the hot path. A check resolves the followed reference again: on a
 * model event, every {@code model.poll-interval} (so a missed event costs at most one interval),
 * and when a version that failed is due for another attempt. When the reference names another
 * version, the loader thread downloads it (checking every digest), loads it and runs a warm-up
 * batch; only a model that passed all of that is handed over, between batches, by
 * {@link #takeReady()}. A version that fails is reported and tried again after a backoff that
 * starts at {@code model.retry-backoff} and doubles up to {@code model.retry-backoff-max}; checks
 * before then leave it alone, and the current model keeps serving.
 */
final class ModelSwapper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSwapper.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final ModelLoader loader;
    private final JobConfig.Model settings;
    private final Consumer<String> onFailure;
    private final ScheduledExecutorService loaderThread;
    private final Clock clock;
    private final AtomicReference<ServedModel> ready = new AtomicReference<>();
    private final AtomicBoolean checkPending = new AtomicBoolean();
    private volatile String currentDigest;
    /** The last version that failed to load; read and written on the loader thread only. */
    private FailedLoad failed;

    private record FailedLoad(String digest, int failures, long retryAtMillis) {}

    /**
     * @param servingDigest the digest of the model serving now
     * @param onFailure told the reason of every failed load
     * @param loaderThread runs every check, one at a time
     */
    ModelSwapper(
            ModelLoader loader,
            String servingDigest,
            JobConfig.Model settings,
            Consumer<String> onFailure,
            ScheduledExecutorService loaderThread,
            Clock clock) {
        this.loader = loader;
        this.currentDigest = servingDigest;
        this.settings = settings;
        this.onFailure = onFailure;
        this.loaderThread = loaderThread;
        this.clock = clock;
    }

    /** A swapper on its own daemon thread that polls the reference every {@code model.poll-interval}. */
    static ModelSwapper start(
            ModelLoader loader, String servingDigest, JobConfig.Model settings, Consumer<String> onFailure) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamnlp-model-loader");
            t.setDaemon(true);
            return t;
        });
        ModelSwapper swapper =
                new ModelSwapper(loader, servingDigest, settings, onFailure, thread, SystemClock.getInstance());
        swapper.startPolling();
        return swapper;
    }

    void startPolling() {
        long interval = settings.pollInterval().toMillis();
        loaderThread.scheduleWithFixedDelay(this::requestCheck, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Asks for a check of the followed reference; checks requested while one waits collapse into one. */
    void requestCheck() {
        if (checkPending.compareAndSet(false, true)) {
            loaderThread.execute(this::check);
        }
    }

    /**
     * Reports a version that failed to load outside the swapper (when the subtask started), so that
     * it is tried again after the backoff rather than at the next check.
     */
    void loadFailedElsewhere(String digest) {
        loaderThread.execute(() -> recordFailure(digest));
    }

    /** The model to serve from now on, if one is ready; the caller serves it and closes the old one. */
    ServedModel takeReady() {
        return ready.getAndSet(null);
    }

    private void check() {
        checkPending.set(false);
        ModelVersion version;
        try {
            version = loader.resolve();
        } catch (RuntimeException e) {
            LOG.warn("cannot resolve the followed model; keeping {}: {}", currentDigest, e.getMessage());
            return;
        }
        String digest = version.digest();
        if (digest.equals(currentDigest)) {
            failed = null;
            return;
        }
        if (failed != null && failed.digest().equals(digest) && clock.relativeTimeMillis() < failed.retryAtMillis()) {
            return;
        }
        LOG.info("model reference now points at {}; loading it", version);
        try {
            ServedModel next = loader.load(version);
            ServedModel stale = ready.getAndSet(next);
            if (stale != null) {
                stale.close();
            }
            currentDigest = digest;
            failed = null;
        } catch (RuntimeException e) {
            Duration delay = recordFailure(digest);
            String reason = "cannot load model " + version + "; the current model keeps serving, next attempt in "
                    + delay + ": " + e.getMessage();
            LOG.error(reason, e);
            onFailure.accept(reason);
        }
    }

    private Duration recordFailure(String digest) {
        int failures = failed != null && failed.digest().equals(digest) ? failed.failures() + 1 : 1;
        Duration delay = settings.retryDelay(failures);
        failed = new FailedLoad(digest, failures, clock.relativeTimeMillis() + delay.toMillis());
        loaderThread.schedule(this::requestCheck, delay.toMillis(), TimeUnit.MILLISECONDS);
        return delay;
    }

    /**
     * Stops the loader thread and waits for a load in progress to end, so that no native model is
     * still being built while the task (and its class loader) goes away.
     */
    @Override
    public void close() {
        loaderThread.shutdownNow();
        try {
            if (!loaderThread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the model loader thread did not stop within {}", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServedModel pending = ready.getAndSet(null);
        if (pending != null) {
            pending.close();
        }
    }
}
