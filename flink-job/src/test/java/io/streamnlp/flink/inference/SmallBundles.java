package io.streamnlp.flink.inference;

import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Real bundles that load in about a second: the builtin MiniLM encoder and one zero-weight
 * classification head, told apart by the head's bias.
 */
final class SmallBundles {
    static final String MODEL = "support";
    private static final int MINILM_DIM = 384;
    private static final String HEAD = "heads/category.onnx";

    private SmallBundles() {}

    static ModelVersion register(ModelStore store, Path workDir, float bias) throws IOException {
        Path dir = Files.createTempDirectory(workDir, "bundle");
        HeadGraphWriter.write(new LinearHead(new float[MINILM_DIM][2], new float[] {bias, 0f}), dir.resolve(HEAD));
        Files.writeString(dir.resolve("bundle.json"), """
                {"format": "streamnlp-bundle/1", "encoder": {"builtin": "all-minilm-l6-v2"},
                 "classification": [{"task": "category", "path": "heads/category.onnx", "labels": ["billing", "shipping"]}]}
                """);
        return store.register(MODEL, dir, RegistrationRequest.builder().build());
    }

    /** A version whose digests are sound but whose head is not an ONNX graph: only loading it fails. */
    static ModelVersion registerUnloadable(ModelStore store, Path workDir) throws IOException {
        Path dir = Files.createTempDirectory(workDir, "broken");
        Files.createDirectories(dir.resolve("heads"));
        Files.writeString(dir.resolve(HEAD), "this is not an ONNX graph");
        Files.writeString(dir.resolve("bundle.json"), """
                {"format": "streamnlp-bundle/1", "encoder": {"builtin": "all-minilm-l6-v2"},
                 "classification": [{"task": "category", "path": "heads/category.onnx", "labels": ["billing", "shipping"]}]}
                """);
        return store.register(MODEL, dir, RegistrationRequest.builder().build());
    }

    /** The head file of a registered version, to break and repair it in place. */
    static Path head(ModelStore store, ModelVersion version) {
        return store.directory(version).resolve(HEAD);
    }

    /** A job following {@code support@champion} in {@code store}, classification only, on one thread. */
    static JobConfig followingChampion(ModelStore store, Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>();
        m.put("model.registry.dir", store.root().toString());
        m.put("model.ref", MODEL + "@champion");
        m.put("tasks", "classification");
        m.put("inference.intra-op-threads", "1");
        m.put("drift.enabled", "false");
        m.putAll(overrides);
        return JobConfig.of(m);
    }
}
