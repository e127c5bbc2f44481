package io.streamnlp.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleManifestTest {

    @TempDir
    Path dir;

    @Test
    void readsTheDocumentedFormat() throws Exception {
        Files.writeString(dir.resolve("bundle.json"), """
                {
                  "format": "streamnlp-bundle/1",
                  "encoder": {"builtin": "all-minilm-l6-v2", "max_length": 128},
                  "classification": [
                    {"task": "category", "path": "heads/category.onnx", "labels": ["billing", "shipping"], "input": "input", "output": "output"}
                  ],
                  "ner": {"path": "heads/ner.onnx", "labels": ["O", "B-PERSON", "I-PERSON"], "context_window": 2},
                  "summarization": {"max_sentences": 2, "max_chars": 200, "mmr_lambda": 0.5, "length_ratio": 0.4,
                                    "min_chars": 80, "centrality": "textrank", "position_weight": 0.3,
                                    "max_document_tokens": 512}
                }
                """);
        BundleManifest m = BundleManifest.read(dir);
        assertEquals(0.4, m.summarization().lengthRatio());
        assertEquals(80, m.summarization().minChars());
        assertEquals("textrank", m.summarization().centrality());
        assertEquals(0.3, m.summarization().positionWeight());
        assertEquals(512, m.summarization().maxDocumentTokens());
        assertEquals(128, m.encoder().maxLength());
        assertEquals(Pooling.MEAN, m.encoder().pooling());
        assertNull(m.classification().get(0).trainedOn());
        assertEquals("category", m.classification().get(0).task());
        assertEquals(TaskKind.HEAD, m.classification().get(0).kind());
        assertEquals(2, m.ner().contextWindow());
        assertEquals("input", m.ner().input());
        assertEquals(0.5, m.summarization().mmrLambda());
        assertEquals("extractive", m.summarization().kind());
    }

    @Test
    void anOlderExtractiveSpecGetsLengthBoundsThatFitItsBudget() {
        SummarizationSpec old = SummarizationSpec.extractive(3, 80, 0.7);
        assertEquals(80, old.minChars());
        assertEquals(SummarizationSpec.CENTROID, old.centrality());
    }

    @Test
    void writeThenReadRoundTrips() throws Exception {
        BundleManifest m = new BundleManifest(
                EncoderSpec.builtinMiniLm(256),
                List.of(ClassificationSpec.head("sentiment", "heads/sentiment.onnx", List.of("neg", "pos"))),
                NerSpec.head("heads/ner.onnx", List.of("O", "B-ORG", "I-ORG"), 1),
                null);
        Path file = m.write(dir);
        assertEquals(dir.resolve("bundle.json"), file);
        BundleManifest back = BundleManifest.read(file);
        assertEquals(m, back);
        assertNull(back.summarization());
        assertTrue(Files.readString(file).contains("\"max_length\" : 256"));
    }

    @Test
    void anEncoderWithoutPoolingPoolsAsItsModelCardSays() throws Exception {
        assertEquals(
                Pooling.CLS, readEncoder("{\"builtin\": \"bge-small-en-v15\"}").pooling());
        assertEquals(Pooling.MEAN, readEncoder("{\"builtin\": \"e5-small-v2\"}").pooling());
        assertEquals(
                Pooling.MEAN,
                readEncoder("{\"path\": \"e.onnx\", \"tokenizer\": \"t.json\"}").pooling());
        assertEquals(
                Pooling.MEAN,
                readEncoder("{\"builtin\": \"bge-small-en-v15\", \"pooling\": \"mean\"}")
                        .pooling());
        assertEquals(
                Pooling.MEAN_MAX,
                readEncoder("{\"builtin\": \"all-minilm-l6-v2\", \"pooling\": \"mean+max\"}")
                        .pooling());
        var e = assertThrows(
                InvalidBundleException.class,
                () -> readEncoder("{\"builtin\": \"bge-small-en-v15\", \"pooling\": \"max\"}"));
        assertTrue(e.getMessage().contains("unknown pooling 'max' (known: mean, cls, mean+max)"), e.getMessage());
    }

    @Test
    void headsKeepTheEncoderTheyWereTrainedOn() throws Exception {
        EncoderIdentity bge = EncoderIdentity.of(BuiltinEncoder.BGE_SMALL_EN_V15, Pooling.CLS);
        BundleManifest m = new BundleManifest(
                EncoderSpec.builtin(BuiltinEncoder.BGE_SMALL_EN_V15),
                List.of(ClassificationSpec.head("sentiment", "heads/sentiment.onnx", List.of("neg", "pos"), bge)),
                NerSpec.head("heads/ner.onnx", List.of("O", "B-ORG", "I-ORG"), 1, false, bge),
                null);
        BundleManifest back = BundleManifest.read(m.write(dir));
        assertEquals(m, back);
        assertEquals(512, back.encoder().maxLength());
        assertEquals(bge, back.classification().get(0).trainedOn());
        assertNull(back.ner().trainedOn().pooling(), "token states are not pooled");
        assertTrue(back.ner().trainedOn().accepts(EncoderIdentity.of(BuiltinEncoder.BGE_SMALL_EN_V15, Pooling.MEAN)));
        assertFalse(bge.accepts(EncoderIdentity.of(BuiltinEncoder.BGE_SMALL_EN_V15, Pooling.MEAN)));
        assertFalse(bge.accepts(EncoderIdentity.of(BuiltinEncoder.ALL_MINILM_L6_V2, Pooling.CLS)));
    }

    private EncoderSpec readEncoder(String encoder) throws Exception {
        Files.writeString(
                dir.resolve("bundle.json"), "{\"format\": \"streamnlp-bundle/1\", \"encoder\": " + encoder + "}");
        return BundleManifest.read(dir).encoder();
    }

    @Test
    void listsEveryProblem() throws Exception {
        Files.writeString(dir.resolve("bundle.json"), """
                {"format": "streamnlp-bundle/2", "encoder": {"builtin": "bert"},
                 "classification": [{"task": "Category", "path": "a.onnx", "labels": ["x"]},
                                    {"task": "urgency", "path": "b.onnx", "labels": ["hi", "hi"]}],
                 "ner": {"path": "n.onnx", "labels": ["B-X", "PERSON"], "context_window": 9},
                 "summarization": {"mmr_lambda": 1.5, "length_ratio": 0, "min_chars": 900, "centrality": "pagerank",
                                   "position_weight": -1, "max_document_tokens": 0}}
                """);
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> BundleManifest.read(dir));
        String all = String.join("\n", e.problems());
        for (String expected : List.of(
                "format",
                "encoder.builtin",
                "classification[0].task",
                "classification[0].labels",
                "duplicate label 'hi'",
                "'PERSON' is not an IOB2 label",
                "must contain 'O'",
                "ner.context_window",
                "summarization.mmr_lambda",
                "summarization.length_ratio",
                "summarization.min_chars",
                "summarization.centrality",
                "summarization.position_weight",
                "summarization.max_document_tokens")) {
            assertTrue(all.contains(expected), "missing '" + expected + "' in:\n" + all);
        }
    }

    @Test
    void rejectsUnknownFieldsAndMissingFiles() throws Exception {
        Files.writeString(dir.resolve("bundle.json"), """
                {"format": "streamnlp-bundle/1", "encoder": {"builtin": "all-minilm-l6-v2"}, "nre": {}}
                """);
        var e = assertThrows(InvalidBundleException.class, () -> BundleManifest.read(dir));
        assertTrue(e.getMessage().contains("nre"), e.getMessage());
        assertThrows(InvalidBundleException.class, () -> BundleManifest.read(dir.resolve("absent")));

        BundleManifest m = new BundleManifest(
                EncoderSpec.builtinMiniLm(256),
                List.of(ClassificationSpec.head("category", "../outside.onnx", List.of("a", "b"))),
                null,
                null);
        var missing = assertThrows(InvalidBundleException.class, () -> m.requireFiles(dir));
        assertTrue(missing.getMessage().contains("leaves the bundle"), missing.getMessage());
    }

    @Test
    void hfEntriesNeedNoLabels() {
        BundleManifest m = new BundleManifest(
                EncoderSpec.builtinMiniLm(256),
                List.of(new ClassificationSpec("sentiment", TaskKind.HF, "hf/sentiment", null, null, null)),
                NerSpec.hf("hf/ner", null, "simple"),
                new SummarizationSpec(TaskKind.HF, "hf/t5", null, null, null, 40, 2, 1.0));
        m.validate("test");
        assertNull(m.summarization().maxSentences());
    }
}
