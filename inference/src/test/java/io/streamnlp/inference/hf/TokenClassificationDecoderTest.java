package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixture texts tokenize into whole words only, so there the word strategies cannot differ. Here a
 * word split into sub-words gets hand-set label probabilities, and each strategy's result is worked
 * out by hand from transformers' algorithm.
 */
class TokenClassificationDecoderTest {

    private static final List<String> LABELS = List.of("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC");
    private static final String TEXT = "Quickly london";

    private static HfTokenizer tokenizer;
    private static TokenizedText tokenized;
    private static float[][] probabilities;

    @BeforeAll
    static void tokenize() {
        HfExport export = HfExport.open(Fixtures.dir(Fixtures.TOKEN_CLASSIFICATION));
        tokenizer = export.tokenizer(0);
        tokenized = tokenizer.encode(TEXT);
        assertArrayEquals(new String[] {"[CLS]", "quick", "##l", "##y", "london", "[SEP]"}, tokenized.tokens());
        probabilities = new float[][] {
            one(0, 0.9f),
            // quick: B-PER 0.5, rest spread
            {0.1f, 0.5f, 0.1f, 0.1f, 0.1f, 0.05f, 0.05f},
            // ##l: B-LOC 0.7
            {0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.7f, 0.05f},
            // ##y: I-LOC 0.4, I-PER 0.35
            {0.05f, 0.05f, 0.35f, 0.05f, 0.05f, 0.05f, 0.4f},
            // london: I-LOC 0.8
            {0.05f, 0.02f, 0.02f, 0.02f, 0.02f, 0.07f, 0.8f},
            one(0, 0.9f),
        };
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static float[] one(int index, float p) {
        float[] v = new float[LABELS.size()];
        java.util.Arrays.fill(v, (1 - p) / (v.length - 1));
        v[index] = p;
        return v;
    }

    private List<TokenEntity> decode(AggregationStrategy strategy) {
        return new TokenClassificationDecoder(tokenizer, LABELS)
                .decode(tokenized, probabilities, strategy, Set.of("O"));
    }

    @Test
    void noneKeepsEveryTokenWithItsFullTag() {
        List<TokenEntity> e = decode(AggregationStrategy.NONE);
        assertEquals(
                List.of(
                        new TokenEntity("B-PER", 0.5f, "quick", 0, 5, 1),
                        new TokenEntity("B-LOC", 0.7f, "##l", 5, 6, 2),
                        new TokenEntity("I-LOC", 0.4f, "##y", 6, 7, 3),
                        new TokenEntity("I-LOC", 0.8f, "london", 8, 14, 4)),
                e);
    }

    @Test
    void simpleSplitsTheWordWhereTheTagChanges() {
        List<TokenEntity> e = decode(AggregationStrategy.SIMPLE);
        assertEquals(2, e.size());
        assertEntity(e.get(0), "PER", 0.5f, "quick", 0, 5);
        // B-LOC, I-LOC, I-LOC form one group; the tokenizer has no decoder, so tokens are joined by spaces
        assertEntity(e.get(1), "LOC", (0.7f + 0.4f + 0.8f) / 3, "##l ##y london", 5, 14);
    }

    @Test
    void firstGivesTheWholeWordTheTagOfItsFirstToken() {
        List<TokenEntity> e = decode(AggregationStrategy.FIRST);
        assertEquals(2, e.size());
        assertEntity(e.get(0), "PER", 0.5f, "quick ##l ##y", 0, 7);
        assertEntity(e.get(1), "LOC", 0.8f, "london", 8, 14);
    }

    @Test
    void maxGivesTheWholeWordTheTagOfItsMostConfidentToken() {
        List<TokenEntity> e = decode(AggregationStrategy.MAX);
        assertEquals(1, e.size());
        // the word takes B-LOC (0.7); london's I-LOC continues it
        assertEntity(e.get(0), "LOC", (0.7f + 0.8f) / 2, "quick ##l ##y london", 0, 14);
    }

    @Test
    void averageTakesTheBestTagOfTheMeanDistribution() {
        List<TokenEntity> e = decode(AggregationStrategy.AVERAGE);
        // means over quick, ##l, ##y: B-PER 0.2, I-PER 0.1667, B-LOC 0.2667, I-LOC 0.1667 -> B-LOC
        assertEquals(1, e.size());
        assertEntity(e.get(0), "LOC", (0.8f / 3 + 0.8f) / 2, "quick ##l ##y london", 0, 14);
    }

    private static void assertEntity(TokenEntity e, String label, float score, String word, int start, int end) {
        assertEquals(label, e.label());
        assertEquals(score, e.score(), 1e-6);
        assertEquals(word, e.word());
        assertEquals(start, e.start());
        assertEquals(end, e.end());
        assertEquals(
                TEXT.substring(start, end).toLowerCase(java.util.Locale.ROOT).replace(" ", ""),
                word.replace("##", "").replace(" ", ""));
    }
}
