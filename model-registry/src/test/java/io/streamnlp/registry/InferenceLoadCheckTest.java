package io.streamnlp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Verification that loads the models with ONNX Runtime, as serving will. */
@Timeout(120)
class InferenceLoadCheckTest {

    private static final int MINILM_DIM = 384;

    @TempDir
    Path temp;

    private ModelStore store;

    @BeforeEach
    void openStore() {
        store = ModelStore.open(temp.resolve("registry"), Clock.systemUTC(), InferenceLoadCheck.withDefaults());
    }

    @Test
    void aHuggingFaceExportThatLoadsIsSound() throws IOException {
        Path export = TestModels.huggingFaceClassifier(temp.resolve("hf"));
        ModelVersion version = store.register("sentiment", export, RegistrationRequest.builder().task("sentiment").build());
        VerificationReport report = store.verify(version.reference());
        assertTrue(report.sound(), report.problems().toString());
    }

    @Test
    void aCorruptGraphWithMatchingDigestsDoesNotLoad() throws IOException {
        Path export = TestModels.huggingFaceClassifier(temp.resolve("hf"));
        Files.writeString(export.resolve("model.onnx"), "not an ONNX graph");
        ModelVersion version = store.register("sentiment", export, RegistrationRequest.builder().task("sentiment").build());
        List<String> problems = store.verify(version.reference()).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("model does not load: "), problems.get(0));
    }

    @Test
    void aBundleWithTheBuiltinEncoderAndARealHeadLoads() throws IOException {
        Path bundle = bundleWithHead(temp.resolve("good"), 3);
        ModelVersion version = store.register("support", bundle, RegistrationRequest.builder().build());
        VerificationReport report = store.verify(version.reference());
        assertTrue(report.sound(), report.problems().toString());
    }

    @Test
    void aHeadWhoseOutputsDoNotMatchItsLabelsDoesNotLoad() throws IOException {
        Path bundle = bundleWithHead(temp.resolve("mismatch"), 2);
        ModelVersion version = store.register("support", bundle, RegistrationRequest.builder().build());
        VerificationReport report = store.verify(version.reference());
        assertFalse(report.sound());
        assertTrue(report.problems().get(0).startsWith("model does not load: "), report.problems().toString());
    }

    @Test
    void anAliasMovesOnlyToAVersionThatLoadsUnlessForced() throws IOException {
        Path export = TestModels.huggingFaceClassifier(temp.resolve("hf"));
        ModelVersion good = store.register("sentiment", export, RegistrationRequest.builder().task("sentiment").build());
        Files.writeString(export.resolve("model.onnx"), "not an ONNX graph");
        ModelVersion broken = store.register("sentiment", export, RegistrationRequest.builder().task("sentiment").build());
        assertEquals(good, store.setAlias("sentiment", "champion", good.version()));

        InvalidModelException refused = assertThrows(InvalidModelException.class,
                () -> store.setAlias("sentiment", "champion", broken.version()));
        assertTrue(refused.getMessage().startsWith("sentiment:2 cannot be served, so sentiment@champion stays where it is: model does not load: "),
                refused.getMessage());
        assertEquals(good, store.resolve("sentiment@champion"));

        assertEquals(broken, store.forceAlias("sentiment", "champion", broken.version()));
        assertEquals(broken, store.resolve("sentiment@champion"));
    }

    /** A bundle with the builtin MiniLM encoder and a linear head of {@code outputs} classes for three labels. */
    private static Path bundleWithHead(Path dir, int outputs) throws IOException {
        HeadGraphWriter.write(new LinearHead(new float[MINILM_DIM][outputs], new float[outputs]), dir.resolve("heads/category.onnx"));
        Files.writeString(dir.resolve("bundle.json"), """
                {"format": "streamnlp-bundle/1", "encoder": {"builtin": "all-minilm-l6-v2"},
                 "classification": [{"task": "category", "path": "heads/category.onnx",
                                     "labels": ["billing", "shipping", "other"], "input": "input", "output": "output"}]}
                """);
        return dir;
    }
}
