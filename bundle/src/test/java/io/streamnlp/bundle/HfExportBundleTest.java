package io.streamnlp.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Optimum export without bundle.json reads as a bundle of the one task its files and registration call for. */
class HfExportBundleTest {

    @TempDir
    Path dir;

    @Test
    void aSequenceClassifierIsAClassificationTaskNamedAsRegistered() throws IOException {
        export("BertForSequenceClassification", "model.onnx");
        Files.writeString(dir.resolve(VersionFiles.MANIFEST), "{\"format\": \"hf-onnx\", \"tasks\": [\"sentiment\"]}");

        BundleManifest manifest = BundleManifest.read(dir);

        ClassificationSpec task = manifest.classification().get(0);
        assertEquals(
                List.of("sentiment"),
                manifest.classification().stream().map(ClassificationSpec::task).toList());
        assertEquals(TaskKind.HF, task.kind());
        assertEquals(dir.toAbsolutePath().normalize(), BundleManifest.resolve(dir, task.path()));
        assertEquals(EncoderSpec.MINILM, manifest.encoder().builtin());
        assertNull(manifest.ner());
        assertNull(manifest.summarization());
        manifest.requireFiles(dir);
    }

    @Test
    void aTokenClassifierIsTheNerTask() throws IOException {
        export("BertForTokenClassification", "model.onnx");
        BundleManifest manifest = BundleManifest.read(dir);
        assertEquals(TaskKind.HF, manifest.ner().kind());
        assertTrue(manifest.classification().isEmpty());
    }

    @Test
    void withoutArchitecturesIob2LabelsMakeATokenClassifier() throws IOException {
        Files.writeString(
                dir.resolve("config.json"), "{\"id2label\": {\"0\": \"O\", \"1\": \"B-PER\", \"2\": \"I-PER\"}}");
        Files.writeString(dir.resolve("model.onnx"), "graph bytes");
        assertEquals(HfExportBundle.Kind.TOKEN_CLASSIFICATION, HfExportBundle.kind(dir));
        Files.writeString(dir.resolve("config.json"), "{\"id2label\": {\"0\": \"neg\", \"1\": \"pos\"}}");
        assertEquals(HfExportBundle.Kind.SEQUENCE_CLASSIFICATION, HfExportBundle.kind(dir));
    }

    @Test
    void encoderAndDecoderGraphsAreTheSummarizationTask() throws IOException {
        export("BartForConditionalGeneration", "encoder_model.onnx", "decoder_model.onnx");
        BundleManifest manifest = BundleManifest.read(dir);
        assertEquals(TaskKind.HF, manifest.summarization().kind());
        assertNull(manifest.ner());
    }

    @Test
    void aTaskThatDoesNotFitTheExportIsRefused() throws IOException {
        export("BertForSequenceClassification", "model.onnx");
        Files.writeString(dir.resolve(VersionFiles.MANIFEST), "{\"tasks\": [\"summarization\"]}");
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> BundleManifest.read(dir));
        assertTrue(
                e.getMessage()
                        .contains(
                                "task 'summarization' needs a seq2seq export, but this is a sequence-classification export"),
                e.getMessage());
    }

    @Test
    void aDirectoryThatIsNeitherStillNamesTheMissingBundleJson() {
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> BundleManifest.read(dir));
        assertTrue(e.getMessage().endsWith("no bundle.json found"), e.getMessage());
    }

    private void export(String architecture, String... graphs) throws IOException {
        Files.writeString(
                dir.resolve("config.json"),
                "{\"architectures\": [\"" + architecture + "\"]," + " \"id2label\": {\"0\": \"neg\", \"1\": \"pos\"}}");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        for (String graph : graphs) {
            Files.writeString(dir.resolve(graph), "graph bytes");
        }
    }
}
