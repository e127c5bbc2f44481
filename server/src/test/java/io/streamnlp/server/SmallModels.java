package io.streamnlp.server;

import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real bundles that load in about a second: the builtin MiniLM encoder and one zero-weight classification head,
 * told apart by the head's bias.
 */
final class SmallModels {
    static final String MODEL = "support";
    private static final int MINILM_DIM = 384;
    private static final String HEAD = "heads/category.onnx";
    private static final String MANIFEST = """
            {"format": "streamnlp-bundle/1", "encoder": {"builtin": "all-minilm-l6-v2"},
             "classification": [{"task": "category", "path": "heads/category.onnx", "labels": ["billing", "shipping"]}],
             "summarization": {"max_sentences": 1, "max_chars": 200, "mmr_lambda": 0.7}}
            """;

    private SmallModels() {}

    static ModelVersion register(ModelStore store, Path workDir, float bias) throws IOException {
        Path dir = Files.createTempDirectory(workDir, "bundle");
        HeadGraphWriter.write(new LinearHead(new float[MINILM_DIM][2], new float[] {bias, 0f}), dir.resolve(HEAD));
        Files.writeString(dir.resolve("bundle.json"), MANIFEST);
        return store.register(MODEL, dir, RegistrationRequest.builder().build());
    }

    /** A version whose digests are sound but whose head is not an ONNX graph: only loading it fails. */
    static ModelVersion registerUnloadable(ModelStore store, Path workDir) throws IOException {
        Path dir = Files.createTempDirectory(workDir, "broken");
        Files.createDirectories(dir.resolve("heads"));
        Files.writeString(dir.resolve(HEAD), "this is not an ONNX graph");
        Files.writeString(dir.resolve("bundle.json"), MANIFEST);
        return store.register(MODEL, dir, RegistrationRequest.builder().build());
    }
}
