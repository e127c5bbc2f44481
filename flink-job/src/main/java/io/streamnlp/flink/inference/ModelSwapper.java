package io.streamnlp.flink.inference;

import io.streamnlp.registry.ModelVersion;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the next model off the hot path. A check resolves the followed reference again; when
 * it names another version, one background thread downloads it (checking every digest), loads it
 * and runs a warm-up batch. Only a model that passed all of that is handed over, between batches,
 * by {@link #takeReady()}; a version that fails is reported and not retried, and the old model
 * keeps serving.
 */
final class ModelSwapper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSwapper.class);

    private final ModelLoader loader;
    private final Consumer<String> onFailure;
    private final ExecutorService executor;
    private final AtomicReference<ServedModel> ready = new AtomicReference<>();
    private final AtomicBoolean checkPending = new AtomicBoolean();
    private volatile String currentDigest;
    private volatile String failedDigest;

    ModelSwapper(ModelLoader loader, String servingDigest, Consumer<String> onFailure) {
        this.loader = loader;
        this.currentDigest = servingDigest;
        this.onFailure = onFailure;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "streamnlp-model-loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a check of the followed reference; checks requested while one runs collapse into one. */
    void requestCheck() {
        if (checkPending.compareAndSet(false, true)) {
            executor.execute(this::check);
        }
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
        if (version.digest().equals(currentDigest) || version.digest().equals(failedDigest)) {
            return;
        }
        LOG.info("model reference now points at {}; loading it", version);
        try {
            ServedModel next = loader.load(version);
            ServedModel stale = ready.getAndSet(next);
            if (stale != null) {
                stale.close();
            }
            currentDigest = version.digest();
        } catch (RuntimeException e) {
            failedDigest = version.digest();
            String reason = "refused model " + version + ", the current model keeps serving: " + e.getMessage();
            LOG.error(reason, e);
            onFailure.accept(reason);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        ServedModel pending = ready.getAndSet(null);
        if (pending != null) {
            pending.close();
        }
    }
}
