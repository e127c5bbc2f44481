package io.streamnlp.flink.inference;

import io.streamnlp.bundle.Digests;
import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.ComputeDevice;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelManifest;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.VersionFetcher;
import io.streamnlp.schemas.avro.ModelRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the configured model, copies the version out of the registry (every digest checked on
 * the way), loads it and runs one warm-up batch, so that a model is only served once it works.
 */
public final class ModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);
    private static final List<String> WARM_UP = List.of("StreamNLP warm-up: my order #1234 has not arrived.");

    private final JobConfig config;
    private final int intraOpThreads;
    private final Path cacheDir;
    private ModelRegistry registry;
    private VersionFetcher fetcher;

    /** A loader for this JVM: a configured thread count, or all its processors. */
    public ModelLoader(JobConfig config) {
        this(
                config,
                IntraOpThreads.of(config.intraOpThreads(), Runtime.getRuntime().availableProcessors(), 1));
    }

    /** A loader whose models run {@code intraOpThreads} ONNX Runtime threads each ({@link IntraOpThreads}). */
    public ModelLoader(JobConfig config, int intraOpThreads) {
        this.config = config;
        this.intraOpThreads = intraOpThreads;
        this.cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "streamnlp-model-versions");
    }

    /** Whether the job follows a registry (and so can swap models), rather than a fixed bundle directory. */
    public boolean followsRegistry() {
        return config.model().bundleDir() == null;
    }

    /** The model name the job serves, to pick the model events that concern it. */
    public String modelName() {
        return followsRegistry() ? ModelReference.parse(config.model().ref()).name() : null;
    }

    /** The version the configured reference points at now, without loading it. */
    public ModelVersion resolve() {
        return registry().resolve(config.model().ref());
    }

    /** Loads what the configuration names now. */
    public ServedModel load() {
        if (!followsRegistry()) {
            Path dir = Path.of(config.model().bundleDir());
            ModelRef ref = ModelRef.newBuilder()
                    .setName(dir.getFileName().toString())
                    .setVersion("local")
                    .setDigest(Digests.bundleDigest(dir))
                    .build();
            return warm(ref, dir);
        }
        return load(resolve());
    }

    /** Loads one registry version: its files checked byte for byte against the digest, then loaded and warmed. */
    public ServedModel load(ModelVersion version) {
        return load(version.toModelRef());
    }

    /**
     * Loads the registry version a {@link ModelRef} names, e.g. one served before a restart; the
     * digest pins it, so a version that is no longer what was served is refused.
     */
    public ServedModel load(ModelRef ref) {
        int version;
        try {
            version = Integer.parseInt(ref.getVersion());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "model " + ref.getName() + ":" + ref.getVersion() + " is not a registry version", e);
        }
        VersionFetcher.FetchedVersion fetched = fetcher().fetch(ref.getName(), version, ref.getDigest());
        return warm(ref, fetched.directory());
    }

    private ServedModel warm(ModelRef ref, Path dir) {
        NlpPipeline pipeline = NlpPipeline.load(dir, options());
        try {
            pipeline.predict(WARM_UP);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        LOG.info("model {}:{} ({}) loaded from {}", ref.getName(), ref.getVersion(), ref.getDigest(), dir);
        return new ServedModel(ref, pipeline, referenceProfile(dir));
    }

    private static ReferenceProfile referenceProfile(Path dir) {
        Path file = dir.resolve(ModelManifest.REFERENCE_PROFILE_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ReferenceProfile.read(file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable reference profile " + file + ": " + e.getMessage(), e);
        }
    }

    private InferenceOptions options() {
        ComputeDevice device = ComputeDevice.parse(config.device());
        return InferenceOptions.builder()
                .device(device)
                .precision(Precision.parse(config.precision(), device))
                .intraOpThreads(intraOpThreads)
                .interOpThreads(1)
                .predictors(1)
                .build();
    }

    private synchronized ModelRegistry registry() {
        if (registry == null) {
            registry = config.model().registry().open(ModelLoadCheck.STRUCTURE_ONLY);
        }
        return registry;
    }

    /** From a local store the version's own directory, checked in place; from a remote one a cached download. */
    private synchronized VersionFetcher fetcher() {
        if (fetcher == null) {
            ModelRegistry r = registry();
            fetcher = r instanceof ModelStore store ? VersionFetcher.local(store) : VersionFetcher.caching(r, cacheDir);
        }
        return fetcher;
    }
}
