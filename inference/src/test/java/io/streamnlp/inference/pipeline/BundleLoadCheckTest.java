package io.streamnlp.inference.pipeline;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.HfExportBundle;
import io.streamnlp.bundle.InvalidBundleException;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.inference.runtime.InferenceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The registry tools' load check: what loads as serving loads it passes, anything else fails with the reason. */
@Timeout(120)
class BundleLoadCheckTest {

    private static final int MINILM_DIM = 384;
    private static final List<String> FIXTURE_LABELS = List.of("negative", "neutral", "positive");
    private static final BundleLoadCheck CHECK = new BundleLoadCheck(
            InferenceOptions.builder().intraOpThreads(1).predictors(1).build());

    @TempDir
    Path temp;

    @Test
    void aHuggingFaceExportWithItsRecordedLabelsLoads() throws IOException {
        Path export = sequenceClassifier(temp.resolve("hf"));
        assertDoesNotThrow(() -> CHECK.check(export, Map.of("classification", FIXTURE_LABELS)));
    }

    @Test
    void labelsThatDifferFromTheRecordFail() throws IOException {
        Path export = sequenceClassifier(temp.resolve("hf"));
        InvalidBundleException e = assertThrows(
                InvalidBundleException.class,
                () -> CHECK.check(export, Map.of("classification", List.of("bad", "good", "ugly"))));
        assertTrue(e.getMessage().contains("recorded with labels [bad, good, ugly]"), e.getMessage());
    }

    @Test
    void aCorruptGraphDoesNotLoad() throws IOException {
        Path export = sequenceClassifier(temp.resolve("hf"));
        Files.writeString(export.resolve("model.onnx"), "not an ONNX graph");
        assertThrows(RuntimeException.class, () -> CHECK.check(export, Map.of()));
    }

    @Test
    void aBundleWithTheBuiltinEncoderAndARealHeadLoads() throws IOException {
        Path bundle = bundleWithHead(temp.resolve("good"), 3);
        assertDoesNotThrow(() -> CHECK.check(bundle, Map.of("category", List.of("billing", "shipping", "other"))));
    }

    @Test
    void aHeadWhoseOutputsDoNotMatchItsLabelsDoesNotLoad() throws IOException {
        Path bundle = bundleWithHead(temp.resolve("mismatch"), 2);
        assertThrows(RuntimeException.class, () -> CHECK.check(bundle, Map.of()));
    }

    private static Path sequenceClassifier(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : List.of("config.json", "model.onnx", "tokenizer.json", "tokenizer_config.json")) {
            try (InputStream in = BundleLoadCheckTest.class.getResourceAsStream(
                    "/fixtures/bert-tiny-sequence-classification/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        assertEquals(FIXTURE_LABELS, HfExportBundle.labels(dir).orElseThrow());
        return dir;
    }

    /** A bundle with the builtin MiniLM encoder and a linear head of {@code outputs} classes for three labels. */
    private static Path bundleWithHead(Path dir, int outputs) throws IOException {
        HeadGraphWriter.write(
                new LinearHead(new float[MINILM_DIM][outputs], new float[outputs]), dir.resolve("heads/category.onnx"));
        Files.writeString(dir.resolve("bundle.json"), """
                {"format": "streamnlp-bundle/1", "encoder": {"builtin": "all-minilm-l6-v2"},
                 "classification": [{"task": "category", "path": "heads/category.onnx",
                                     "labels": ["billing", "shipping", "other"], "input": "input", "output": "output"}]}
                """);
        return dir;
    }
}
