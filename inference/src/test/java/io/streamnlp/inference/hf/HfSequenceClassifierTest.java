package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
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
    void missingExportDirectoryIsATypedError(@TempDir Path empty) {
        assertThrows(
                InvalidHfExportException.class,
                () -> HfSequenceClassifier.load(empty.resolve("absent"), Fixtures.OPTIONS));
        assertThrows(InvalidHfExportException.class, () -> HfSequenceClassifier.load(empty, Fixtures.OPTIONS));
    }
}
