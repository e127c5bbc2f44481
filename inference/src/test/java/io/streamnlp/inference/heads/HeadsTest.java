package io.streamnlp.inference.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.inference.testing.TestBundles;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HeadsTest {

    private final SharedEncoder encoder = TestEncoders.miniLm();

    @TempDir
    Path dir;

    @Test
    void classificationHeadPicksTheNearestAnchor() throws Exception {
        HeadGraphWriter.write(TestBundles.intentHead(encoder), dir.resolve("intent.onnx"));
        try (ClassificationHead head = ClassificationHead.load(
                ClassificationSpec.head("intent", "intent.onnx", TestBundles.INTENTS),
                dir,
                encoder.dim(),
                5,
                TestEncoders.options())) {
            List<Classification> c = head.classify(encoder.encode(List.of("refund my money", "the app crashes")));
            assertEquals("refund", c.get(0).label());
            assertEquals("bug", c.get(1).label());
            for (Classification x : c) {
                assertEquals("intent", x.task());
                assertEquals(2, x.topK().size(), "top-k is capped by the label count");
                assertEquals(x.label(), x.topK().get(0).label());
                assertTrue(x.topK().get(0).score() >= x.topK().get(1).score());
                assertEquals(1.0, x.topK().get(0).score() + x.topK().get(1).score(), 1e-5);
                assertTrue(x.score() > 0.5f);
            }
        }
    }

    @Test
    void headOfTheWrongWidthFailsAtLoad() throws Exception {
        HeadGraphWriter.write(new LinearHead(new float[10][2], new float[2]), dir.resolve("small.onnx"));
        var e = assertThrows(
                InferenceException.class,
                () -> ClassificationHead.load(
                        ClassificationSpec.head("intent", "small.onnx", TestBundles.INTENTS),
                        dir,
                        encoder.dim(),
                        3,
                        TestEncoders.options()));
        assertTrue(e.getMessage().contains("has width 10, expected 384"), e.getMessage());
        var labels = assertThrows(
                InferenceException.class,
                () -> ClassificationHead.load(
                        ClassificationSpec.head("intent", "small.onnx", List.of("a", "b", "c")),
                        dir,
                        10,
                        3,
                        TestEncoders.options()));
        assertTrue(labels.getMessage().contains("output"), labels.getMessage());
    }

    @Test
    void nerHeadFindsProductsWithUtf16Offsets() throws Exception {
        HeadGraphWriter.write(TestBundles.productHead(encoder), dir.resolve("ner.onnx"));
        try (NerHead head = NerHead.load(
                NerSpec.head("ner.onnx", TestBundles.NER_LABELS, 1), dir, encoder.dim(), TestEncoders.options())) {
            assertEquals(List.of("PRODUCT"), head.entityTypes());
            String text = "😀 my old iphone is broken";
            List<List<Entity>> found = head.extract(encoder.encode(List.of(text, "", "nothing to see here")));
            assertEquals(1, found.get(0).size(), found.toString());
            Entity e = found.get(0).get(0);
            assertEquals("PRODUCT", e.type());
            assertEquals("iphone", e.text());
            assertEquals(text.indexOf("iphone"), e.start());
            assertEquals(text.substring(e.start(), e.end()), e.text());
            assertEquals(List.of(), found.get(1), "empty text has no entities");
            assertEquals(List.of(), found.get(2));
        }
    }
}
