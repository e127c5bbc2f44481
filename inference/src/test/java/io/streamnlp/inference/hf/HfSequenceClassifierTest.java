package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HfSequenceClassifierTest {

    private static final float TOLERANCE = 1e-4f;

    private static HfSequenceClassifier classifier;
    private static JsonNode reference;
    private static List<String> texts;

    @BeforeAll
    static void load() {
        classifier = HfSequenceClassifier.load(Fixtures.dir(Fixtures.SEQUENCE_CLASSIFICATION), Fixtures.OPTIONS);
        reference = Fixtures.reference(Fixtures.SEQUENCE_CLASSIFICATION);
        texts = Fixtures.texts(reference);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void tokenizerReproducesReferenceIds() {
        for (int r = 0; r < texts.size(); r++) {
            assertArrayEquals(
                    Fixtures.unpaddedIds(reference, r),
                    classifier.tokenizer().encode(texts.get(r)).ids(),
                    "text " + r);
        }
    }

    @Test
    void batchLogitsAndProbabilitiesMatchTransformers() {
        List<SequenceClassification> results = classifier.classify(texts);
        assertEquals(ScoreFunction.SOFTMAX, classifier.scoreFunction());
        for (int r = 0; r < texts.size(); r++) {
            SequenceClassification c = results.get(r);
            assertArrayEquals(Fixtures.floats(reference.get("logits").get(r)), c.logits(), TOLERANCE, "logits " + r);
            float[] expected = Fixtures.floats(reference.get("probabilities").get(r));
            for (ScoredLabel s : c.ranked()) {
                assertEquals(expected[s.index()], s.score(), TOLERANCE, "probability of " + s.label());
                assertEquals(classifier.labels().get(s.index()), s.label());
            }
            assertEquals(reference.get("argmax").get(r).asInt(), c.top().index());
            assertFalse(c.truncated());
        }
    }

    @Test
    void singleTextGivesTheSameScoresAsTheBatch() {
        SequenceClassification alone = classifier.classify(texts.get(3));
        assertArrayEquals(Fixtures.floats(reference.get("logits").get(3)), alone.logits(), TOLERANCE);
    }

    @Test
    void topKIsRankedAndBounded() {
        SequenceClassification c = classifier.classify(texts.get(2));
        List<ScoredLabel> top2 = c.topK(2);
        assertEquals(2, top2.size());
        assertEquals("positive", top2.get(0).label());
        assertEquals("negative", top2.get(1).label());
        assertEquals(3, c.topK(10).size());
        assertThrows(IllegalArgumentException.class, () -> c.topK(0));
    }

    @Test
    void atInt8TheClassifierServesAQuantizedCopyOfItsGraph(@TempDir Path cache) throws Exception {
        InferenceOptions int8 = Fixtures.OPTIONS.toBuilder()
                .precision(Precision.INT8)
                .modelCacheDir(cache)
                .build();
        try (HfSequenceClassifier quantized =
                HfSequenceClassifier.load(Fixtures.dir(Fixtures.SEQUENCE_CLASSIFICATION), int8)) {
            List<SequenceClassification> results = quantized.classify(texts);
            float largestError = 0;
            float largestLogit = 0;
            for (int r = 0; r < texts.size(); r++) {
                float[] expected = Fixtures.floats(reference.get("logits").get(r));
                float[] actual = results.get(r).logits();
                for (int i = 0; i < expected.length; i++) {
                    largestError = Math.max(largestError, Math.abs(expected[i] - actual[i]));
                    largestLogit = Math.max(largestLogit, Math.abs(expected[i]));
                }
            }
            assertTrue(largestError > TOLERANCE, "the int8 copy ran, not the fp32 graph");
            // a random tiny BERT loses more to int8 than a trained model; a broken graph would be far off
            assertTrue(
                    largestError < 0.1f * largestLogit,
                    "largest logit error " + largestError + " against logits up to " + largestLogit);
        }
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(
                    1,
                    files.filter(f -> f.getFileName().toString().equals("model-int8.onnx"))
                            .count());
        }
    }

    @Test
    void missingExportDirectoryIsATypedError(@TempDir Path empty) {
        assertThrows(
                InvalidHfExportException.class,
                () -> HfSequenceClassifier.load(empty.resolve("absent"), Fixtures.OPTIONS));
        assertThrows(InvalidHfExportException.class, () -> HfSequenceClassifier.load(empty, Fixtures.OPTIONS));
    }
}
