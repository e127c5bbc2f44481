package io.streamnlp.inference.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.InvalidBundleException;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.bundle.TaskKind;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.inference.testing.TestBundles;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class NlpPipelineTest {

    @TempDir
    static Path bundle;

    static NlpPipeline pipeline;

    @BeforeAll
    static void load() throws Exception {
        TestBundles.write(bundle, TestEncoders.miniLm());
        pipeline = NlpPipeline.load(bundle, TestEncoders.options());
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void oneCallRunsEveryTask() {
        String crash = "The app crashes on my new iphone every time I open it. I reinstalled it twice. "
                + "Nothing helps and I cannot log in. Please fix this soon.";
        List<NlpResult> r = pipeline.predict(List.of("I want my money back, refund me", crash));
        assertEquals(2, r.size());
        assertEquals("refund", r.get(0).classification("intent").label());
        assertEquals("bug", r.get(1).classification("intent").label());
        assertTrue(
                r.get(1).entities().stream().anyMatch(e -> e.text().equals("iphone")),
                r.get(1).entities().toString());
        assertNotNull(r.get(1).summary());
        assertTrue(r.get(1).summary().text().length() <= 200);
        assertEquals(2, r.get(1).summary().sentences().size());
        assertEquals(384, r.get(0).embedding().length);
        assertFalse(r.get(0).truncated());
        assertTrue(r.get(1).tokenCount() > r.get(0).tokenCount());
    }

    @Test
    void resultsDoNotDependOnBatchComposition() {
        String text = "refund the double charge please";
        NlpResult alone = pipeline.predict(List.of(text)).get(0);
        NlpResult inBatch = pipeline.predict(
                        List.of("a considerably longer neighbour text about an app that crashes", text))
                .get(1);
        assertArrayEquals(alone.embedding(), inBatch.embedding(), 1e-4f);
        assertEquals(
                alone.classification("intent").label(),
                inBatch.classification("intent").label());
        assertEquals(
                alone.classification("intent").score(),
                inBatch.classification("intent").score(),
                1e-4f);
    }

    @Test
    void badInputGetsDefinedResults() {
        String megabyte = "My parcel is late. ".repeat((1 << 20) / 19);
        List<String> texts = List.of(
                "",
                "  \n\t  ",
                megabyte,
                "lone \uD800 surrogate \uDFFF and \u0000\u0007\u001B controls",
                "注文した荷物がまだ届きません。返金してください。",
                "Мой заказ не пришёл",
                "🔥🔥🔥 💸💸 😡");
        List<NlpResult> r = pipeline.predict(texts);
        assertEquals(texts.size(), r.size());
        for (int i : new int[] {0, 1}) {
            assertEquals(List.of(), r.get(i).entities(), "blank text: no entities");
            assertTrue(r.get(i).summary().isEmpty(), "blank text: empty summary");
            assertEquals(2, r.get(i).tokenCount());
            assertEquals(1, r.get(i).classifications().size(), "still classified");
        }
        assertTrue(r.get(2).truncated(), "1 MB text is truncated");
        assertEquals(256, r.get(2).tokenCount());
        assertTrue(r.get(2).summary().text().length() <= 200);
        for (NlpResult x : r) {
            assertEquals(1.0, dot(x.embedding(), x.embedding()), 1e-4);
            float score = x.classification("intent").score();
            assertTrue(score >= 0.5f && score <= 1f);
        }
        for (int i = 3; i < texts.size(); i++) {
            assertFalse(r.get(i).truncated());
            for (var e : r.get(i).entities()) {
                assertEquals(texts.get(i).substring(e.start(), e.end()), e.text());
            }
        }
        assertTrue(r.get(6).unknownTokens() > 0, "emoji are unknown to MiniLM's vocabulary");
    }

    @Test
    void hfModelsPlugIntoTheSamePipeline(@TempDir Path dir) throws Exception {
        for (String fixture : List.of(
                "bert-tiny-sequence-classification", "bert-tiny-token-classification", "t5-tiny-summarization")) {
            copyFixture(fixture, dir.resolve("hf").resolve(fixture));
        }
        Files.createDirectories(dir.resolve("heads"));
        Files.copy(bundle.resolve("heads/intent.onnx"), dir.resolve("heads/intent.onnx"));
        new BundleManifest(
                        EncoderSpec.builtinMiniLm(256),
                        List.of(
                                ClassificationSpec.head("intent", "heads/intent.onnx", TestBundles.INTENTS),
                                new ClassificationSpec(
                                        "sentiment",
                                        TaskKind.HF,
                                        "hf/bert-tiny-sequence-classification",
                                        null,
                                        null,
                                        null)),
                        NerSpec.hf("hf/bert-tiny-token-classification", null, "simple"),
                        new SummarizationSpec(TaskKind.HF, "hf/t5-tiny-summarization", null, null, null, 8, 1, null))
                .write(dir);
        try (NlpPipeline mixed = NlpPipeline.loadTasks(dir, pipeline.encoder(), TestEncoders.options())) {
            List<NlpResult> r = mixed.predict(List.of("refund my money please", ""));
            NlpResult first = r.get(0);
            assertEquals(
                    List.of("intent", "sentiment"),
                    first.classifications().stream().map(c -> c.task()).toList());
            assertEquals("refund", first.classification("intent").label());
            assertTrue(List.of("negative", "neutral", "positive")
                    .contains(first.classification("sentiment").label()));
            assertEquals(Summary.ABSTRACTIVE, first.summary().method());
            for (var e : first.entities()) {
                assertEquals(
                        "refund my money please".substring(e.start(), e.end()).toLowerCase(),
                        e.text().toLowerCase());
            }
            assertEquals(2, r.size());
        }
    }

    private static void copyFixture(String name, Path target) throws Exception {
        Path source = Path.of(NlpPipelineTest.class
                        .getResource("/fixtures/" + name + "/config.json")
                        .toURI())
                .getParent();
        Files.createDirectories(target);
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void encoderFilesMayComeWithTheBundle(@TempDir Path dir) throws Exception {
        var builtin = pipeline.encoder().files();
        Files.createDirectories(dir.resolve("encoder"));
        Files.createSymbolicLink(dir.resolve("encoder/model.onnx"), builtin.model());
        Files.createSymbolicLink(dir.resolve("encoder/tokenizer.json"), builtin.tokenizer());
        Files.createDirectories(dir.resolve("heads"));
        Files.copy(bundle.resolve("heads/intent.onnx"), dir.resolve("heads/intent.onnx"));
        new BundleManifest(
                        new EncoderSpec(null, "encoder/model.onnx", "encoder/tokenizer.json", 64),
                        List.of(ClassificationSpec.head("intent", "heads/intent.onnx", TestBundles.INTENTS)),
                        null,
                        null)
                .write(dir);
        String text = "refund the double charge please";
        try (NlpPipeline own = NlpPipeline.load(dir, TestEncoders.options())) {
            List<NlpResult> r = own.predict(List.of(text, "word ".repeat(100)));
            assertArrayEquals(
                    pipeline.predict(List.of(text)).get(0).embedding(), r.get(0).embedding(), 1e-4f);
            assertEquals("refund", r.get(0).classification("intent").label());
            assertEquals(64, r.get(1).tokenCount(), "the bundle's max_length applies");
            assertTrue(r.get(1).truncated());
            assertEquals(List.of(), r.get(0).entities(), "NER disabled: no entities");
            assertEquals(null, r.get(0).summary(), "summarization disabled: no summary");
        }
    }

    @Test
    void headsTrainedOnAnotherEncoderOrPoolingAreRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("heads"));
        Files.copy(bundle.resolve("heads/intent.onnx"), dir.resolve("heads/intent.onnx"));
        EncoderIdentity served = pipeline.encoder().files().identity();
        writeIntentHeadTrainedOn(dir, served);
        try (NlpPipeline same = NlpPipeline.loadTasks(dir, pipeline.encoder(), TestEncoders.options())) {
            assertEquals(
                    "refund",
                    same.predict(List.of("I want my money back"))
                            .get(0)
                            .classification("intent")
                            .label());
        }

        writeIntentHeadTrainedOn(dir, EncoderIdentity.of(BuiltinEncoder.BGE_SMALL_EN_V15, Pooling.CLS));
        var other = assertThrows(
                InvalidBundleException.class,
                () -> NlpPipeline.loadTasks(dir, pipeline.encoder(), TestEncoders.options()));
        assertTrue(
                other.getMessage()
                        .contains("classification task 'intent': its head was trained on encoder"
                                + " bge-small-en-v15 (cls pooling)"),
                other.getMessage());
        assertTrue(other.getMessage().contains("this bundle's encoder is all-minilm-l6-v2 (mean pooling)"));

        writeIntentHeadTrainedOn(dir, EncoderIdentity.of(BuiltinEncoder.ALL_MINILM_L6_V2, Pooling.CLS));
        assertThrows(
                InvalidBundleException.class,
                () -> NlpPipeline.loadTasks(dir, pipeline.encoder(), TestEncoders.options()),
                "the same encoder pooled another way is other features");
    }

    private static void writeIntentHeadTrainedOn(Path dir, EncoderIdentity trainedOn) throws Exception {
        new BundleManifest(
                        EncoderSpec.builtinMiniLm(EncoderSpec.DEFAULT_MAX_LENGTH),
                        List.of(ClassificationSpec.head("intent", "heads/intent.onnx", TestBundles.INTENTS, trainedOn)),
                        null,
                        null)
                .write(dir);
    }

    @Test
    void missingHeadFileIsReportedBeforeAnythingLoads(@TempDir Path dir) throws Exception {
        new BundleManifest(
                        EncoderSpec.builtinMiniLm(256),
                        List.of(ClassificationSpec.head("intent", "heads/none.onnx", List.of("a", "b"))),
                        null,
                        null)
                .write(dir);
        var e = assertThrows(InvalidBundleException.class, () -> NlpPipeline.load(dir, TestEncoders.options()));
        assertTrue(e.getMessage().contains("'heads/none.onnx' not found"), e.getMessage());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
