package io.streamnlp.server;

import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.VersionFetcher;
import io.streamnlp.training.bundle.DefaultBundle;
import io.streamnlp.training.heads.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the configured model reference as the job does: it resolves the reference now and every poll
 * interval, and when it names another version, downloads it (every digest checked), loads it beside the model
 * serving and runs a warm-up batch; only then is it offered to the inference thread through {@link #takeReady()}.
 * A version that fails to load is logged and skipped until the reference moves on: the old model keeps serving.
 */
final class ModelFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);
    private static final List<String> WARM_UP = List.of("StreamNLP warm-up: my order #1234 has not arrived.");

    private final ModelRegistry registry;
    private final VersionFetcher fetcher;
    private final ModelReference reference;
    private final InferenceOptions options;
    private final ServerMetrics metrics;
    private final ScheduledExecutorService loaderThread;
    private final AtomicReference<ServedModel> ready = new AtomicReference<>();
    /** Read and written on the loader thread only. */
    private String newestDigest;

    private String failedDigest;
    private boolean defaultEnsured;
    /** Set by close() before it interrupts a load in progress. */
    private volatile boolean closing;

    ModelFollower(ServerConfig config, ServerMetrics metrics) {
        this.registry = config.registry().open(ModelLoadCheck.STRUCTURE_ONLY);
        this.fetcher = registry instanceof ModelStore store
                ? VersionFetcher.local(store)
                : VersionFetcher.caching(
                        registry, Path.of(System.getProperty("java.io.tmpdir"), "streamnlp-model-versions"));
        this.reference = config.model();
        this.options = config.inference();
        this.metrics = metrics;
        this.loaderThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamnlp-model-loader");
            t.setDaemon(true);
            return t;
        });
        long interval = config.pollInterval().toMillis();
        loaderThread.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** The newest model loaded and warmed since the last call, if any; the caller serves it and closes the old. */
    ServedModel takeReady() {
        return ready.getAndSet(null);
    }

    private void check() {
        ModelVersion version;
        try {
            ensureDefaultModel();
            version = registry.resolve(reference);
        } catch (RuntimeException e) {
            LOG.warn("cannot resolve model {}: {}", reference, e.getMessage());
            return;
        }
        if (version.digest().equals(newestDigest) || version.digest().equals(failedDigest)) {
            return;
        }
        LOG.info("model {} now points at {}; loading it", reference, version);
        try {
            ServedModel loaded = load(version);
            newestDigest = version.digest();
            failedDigest = null;
            ServedModel superseded = ready.getAndSet(loaded);
            if (superseded != null) {
                superseded.close();
            }
        } catch (RuntimeException e) {
            if (closing) {
                // close() interrupted the load: the process is stopping, the model is not at fault
                LOG.info("stopped while loading {}", version);
                return;
            }
            failedDigest = version.digest();
            metrics.modelLoadFailed();
            LOG.error("cannot load {}; the model serving now keeps serving", version, e);
        }
    }

    /** {@code default} is there when named (DefaultBundle.ensure), in a registry directory this process can write. */
    private void ensureDefaultModel() {
        if (!defaultEnsured && registry instanceof ModelStore store) {
            DefaultBundle.ensureIfNamed(store, reference, options, ProgressListener.NONE);
            defaultEnsured = true;
        }
    }

    private ServedModel load(ModelVersion version) {
        Path dir = fetcher.fetch(version.name(), version.version(), version.digest())
                .directory();
        NlpPipeline pipeline = NlpPipeline.load(dir, options);
        try {
            pipeline.predict(WARM_UP);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        LOG.info("model {} loaded and warmed", version);
        return new ServedModel(version, pipeline);
    }

    @Override
    public void close() {
        closing = true;
        loaderThread.shutdownNow();
        try {
            loaderThread.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServedModel unserved = ready.getAndSet(null);
        if (unserved != null) {
            unserved.close();
        }
    }
}
