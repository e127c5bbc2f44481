package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Texts a stream will eventually carry: each gets a defined result, none throws. */
@Timeout(120)
class HfBadInputTest {

    private static final String HUGE = "refund please, my order never arrived! ".repeat(27_000);
    private static final List<String> TEXTS =
            List.of("", "   \t\n ", "\u0000\u0007\u001b\u007f", "x\uD800y \uDC00 anna", "😀 東京 Привет london", HUGE);

    private static HfSequenceClassifier classifier;
    private static HfTokenClassifier tagger;
    private static HfSeq2SeqGenerator generator;

    @BeforeAll
    static void load() {
        classifier = HfSequenceClassifier.load(Fixtures.dir(Fixtures.SEQUENCE_CLASSIFICATION), Fixtures.OPTIONS);
        tagger = HfTokenClassifier.load(Fixtures.dir(Fixtures.TOKEN_CLASSIFICATION), Fixtures.OPTIONS);
        generator = HfSeq2SeqGenerator.load(Fixtures.dir(Fixtures.BART), Fixtures.OPTIONS);
    }

    @AfterAll
    static void close() {
        classifier.close();
        tagger.close();
        generator.close();
    }

    @Test
    void hugeTextIsAboutAMegabyte() {
        assertTrue(HUGE.length() > 1_000_000);
    }

    @Test
    void classifierScoresEveryTextAndFlagsTruncation() {
        List<SequenceClassification> results = classifier.classify(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            SequenceClassification c = results.get(i);
            double sum = c.ranked().stream().mapToDouble(ScoredLabel::score).sum();
            assertEquals(1.0, sum, 1e-5, "text " + i);
            assertEquals(i == TEXTS.size() - 1, c.truncated(), "text " + i);
        }
    }

    @Test
    void taggerGivesValidOffsetsOrNoEntities() {
        for (AggregationStrategy strategy : AggregationStrategy.values()) {
            List<TokenClassification> results = tagger.extract(TEXTS, strategy);
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of(), results.get(i).entities(), strategy + " text " + i);
            }
            for (int i = 0; i < TEXTS.size(); i++) {
                String text = TEXTS.get(i);
                for (TokenEntity e : results.get(i).entities()) {
                    assertTrue(0 <= e.start() && e.start() < e.end() && e.end() <= text.length(), e.toString());
                    assertTrue(!Character.isLowSurrogate(text.charAt(e.start())), "entity starts inside a code point");
                }
                assertEquals(i == TEXTS.size() - 1, results.get(i).truncated(), strategy + " text " + i);
            }
        }
    }

    @Test
    void generatorSkipsTextsWithoutContentAndReadsOnlyTheStartOfHugeOnes() {
        GenerationConfig config =
                generator.generationConfig().toBuilder().maxNewTokens(4).build();
        List<Generation> results = generator.generate(TEXTS, config);
        for (int i = 0; i < 3; i++) {
            assertEquals("", results.get(i).text(), "text " + i);
            assertArrayEquals(
                    new long[] {config.decoderStartTokenId()}, results.get(i).tokenIds());
        }
        for (int i = 3; i < TEXTS.size(); i++) {
            assertEquals(5, results.get(i).tokenIds().length, "forced EOS after 4 tokens, text " + i);
        }
        assertTrue(results.get(TEXTS.size() - 1).inputTruncated());
    }
}
