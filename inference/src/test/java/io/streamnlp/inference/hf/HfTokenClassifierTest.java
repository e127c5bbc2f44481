package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class HfTokenClassifierTest {

    private static final float TOLERANCE = 1e-4f;

    private static HfTokenClassifier classifier;
    private static JsonNode reference;
    private static List<String> texts;

    @BeforeAll
    static void load() {
        classifier = HfTokenClassifier.load(Fixtures.dir(Fixtures.TOKEN_CLASSIFICATION), Fixtures.OPTIONS);
        reference = Fixtures.reference(Fixtures.TOKEN_CLASSIFICATION);
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
                    classifier.tokenizer().encode(texts.get(r)).ids());
        }
    }

    @Test
    void logitsOfEveryRealTokenMatchTransformers() {
        FloatTensor logits = classifier.logits(texts);
        for (int r = 0; r < texts.size(); r++) {
            JsonNode mask = reference.get("attention_mask").get(r);
            for (int t = 0; t < mask.size(); t++) {
                if (mask.get(t).asInt() == 1) {
                    assertArrayEquals(
                            Fixtures.floats(reference.get("logits").get(r).get(t)),
                            logits.vector(r, t),
                            TOLERANCE,
                            "text " + r + " token " + t);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = AggregationStrategy.class,
            names = {"SIMPLE", "FIRST", "MAX", "AVERAGE"})
    void pipelineOutputMatchesTransformers(AggregationStrategy strategy) {
        List<TokenClassification> results = classifier.extract(texts, strategy);
        JsonNode expectedAll = reference.get("pipeline_" + strategy.name().toLowerCase(java.util.Locale.ROOT));
        for (int r = 0; r < texts.size(); r++) {
            JsonNode expected = expectedAll.get(r);
            List<TokenEntity> actual = results.get(r).entities();
            assertEquals(expected.size(), actual.size(), "entity count of text " + r + ": " + actual);
            for (int i = 0; i < actual.size(); i++) {
                JsonNode e = expected.get(i);
                TokenEntity a = actual.get(i);
                String where = strategy + " text " + r + " entity " + i;
                assertEquals(e.get("entity_group").asText(), a.label(), where);
                assertEquals(e.get("word").asText(), a.word(), where);
                assertEquals(e.get("start").asInt(), a.start(), where);
                assertEquals(e.get("end").asInt(), a.end(), where);
                assertEquals(e.get("score").asDouble(), a.score(), TOLERANCE, where);
                assertEquals(-1, a.tokenIndex());
            }
        }
    }

    /** No reference output for NONE: check it against the reference logits, token by token. */
    @Test
    void noAggregationReportsEveryNonOTokenWithItsArgmax() {
        List<TokenClassification> results = classifier.extract(texts, AggregationStrategy.NONE);
        for (int r = 0; r < texts.size(); r++) {
            TokenizedText t = classifier.tokenizer().encode(texts.get(r));
            int expectedCount = 0;
            for (int i = 0; i < t.length(); i++) {
                if (!t.special()[i] && reference.get("argmax").get(r).get(i).asInt() != 0) {
                    expectedCount++;
                }
            }
            List<TokenEntity> entities = results.get(r).entities();
            assertEquals(expectedCount, entities.size(), "text " + r);
            for (TokenEntity e : entities) {
                float[] logits = Fixtures.floats(reference.get("logits").get(r).get(e.tokenIndex()));
                float[] probabilities = ScoreFunction.SOFTMAX.apply(logits);
                int argmax = reference.get("argmax").get(r).get(e.tokenIndex()).asInt();
                assertEquals(classifier.labels().get(argmax), e.label());
                assertEquals(probabilities[argmax], e.score(), TOLERANCE);
                assertEquals(t.tokens()[e.tokenIndex()], e.word());
                assertEquals(texts.get(r).substring(e.start(), e.end()).toLowerCase(java.util.Locale.ROOT), e.word());
                assertTrue(e.label().startsWith("B-") || e.label().startsWith("I-"), e.label());
            }
        }
    }
}
