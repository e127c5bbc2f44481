package io.streamnlp.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.inference.testing.TestEncoders;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SharedEncoderTest {

    private final SharedEncoder encoder = TestEncoders.miniLm();

    @Test
    void embeddingsAreUnitLengthAndSemantic() {
        EncodedBatch b = encoder.encode(List.of(
                "I want a refund of my money", "please give me my money back", "the app crashes when I open it"));
        for (EncodedText t : b.texts()) {
            assertEquals(384, t.embedding().length);
            assertEquals(1.0, Vectors.dot(t.embedding(), t.embedding()), 1e-4);
        }
        double paraphrase = Vectors.dot(b.get(0).embedding(), b.get(1).embedding());
        double unrelated = Vectors.dot(b.get(0).embedding(), b.get(2).embedding());
        assertTrue(paraphrase > unrelated + 0.2, "paraphrase " + paraphrase + " vs unrelated " + unrelated);
    }

    @Test
    void paddingDoesNotChangeResults() {
        String shortText = "where is my parcel";
        EncodedText alone = encoder.encode(List.of(shortText)).get(0);
        EncodedBatch padded = encoder.encode(List.of(
                "a much longer text that forces the short one to be padded with many padding tokens at the end",
                shortText));
        assertTrue(padded.paddedLength() > alone.tokenCount());
        EncodedText inBatch = padded.get(1);
        assertEquals(alone.tokenCount(), inBatch.tokenCount());
        assertArrayEquals(alone.embedding(), inBatch.embedding(), 1e-4f);
        assertArrayEquals(alone.tokenState(2), inBatch.tokenState(2), 1e-4f);
    }

    @Test
    void textsTokenizedAheadEncodeAsTheTextsThemselves() {
        List<String> texts = List.of("where is my parcel", "refund ".repeat(encoder.maxLength() * 40), "");
        List<TokenizedText> tokenized = texts.stream().map(encoder::tokenize).toList();
        EncodedBatch ahead = encoder.encodeTokenized(tokenized);
        EncodedBatch direct = encoder.encode(texts);
        assertEquals(direct.paddedLength(), ahead.paddedLength());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(tokenized.get(i).tokenCount(), ahead.get(i).tokenCount());
            assertEquals(direct.get(i).truncated(), ahead.get(i).truncated());
            assertArrayEquals(direct.get(i).embedding(), ahead.get(i).embedding(), 1e-6f);
        }
        assertTrue(ahead.get(1).truncated());
    }

    @Test
    void tokensMapToUtf16OffsetsOfTheOriginalText() {
        String text = "Crème brûlée 😀 at Zoë's café";
        EncodedText t = encoder.encode(List.of(text)).get(0);
        assertTrue(t.isSpecial(0));
        assertTrue(t.isSpecial(t.tokenCount() - 1));
        assertEquals(-1, t.tokenStart(0));
        StringBuilder firstSubwords = new StringBuilder();
        int previousEnd = 0;
        for (int i = 1; i < t.tokenCount() - 1; i++) {
            assertTrue(t.tokenStart(i) >= previousEnd, "tokens in order");
            assertTrue(t.tokenEnd(i) > t.tokenStart(i));
            previousEnd = t.tokenEnd(i);
            if (t.isFirstSubword(i)) {
                firstSubwords.append(text, t.tokenStart(i), t.tokenEnd(i)).append('|');
            }
        }
        assertTrue(firstSubwords.toString().contains("😀|"), firstSubwords.toString());
        int emoji = text.indexOf("😀");
        boolean emojiFound = false;
        for (int i = 0; i < t.tokenCount(); i++) {
            emojiFound |= t.tokenStart(i) == emoji && t.tokenEnd(i) == emoji + 2;
        }
        assertTrue(emojiFound, "the emoji token spans both UTF-16 units");
    }

    @Test
    void subwordsShareTheirWordId() {
        EncodedText t = encoder.encode(List.of("refund")).get(0);
        // "refund" is two word pieces, ref + ##und, of one word
        assertEquals(4, t.tokenCount());
        assertEquals(t.wordId(1), t.wordId(2));
        assertTrue(t.isFirstSubword(1));
        assertFalse(t.isFirstSubword(2));
    }

    @Test
    void tokenFeaturesConcatenateNeighboursWithZerosBeyondTheSequence() {
        EncodedText t = encoder.encode(List.of("my order", "a longer text for padding here"))
                .get(0);
        int dim = t.dim();
        float[] first = t.tokenFeatures(0, 1);
        assertEquals(3 * dim, first.length);
        assertArrayEquals(new float[dim], Arrays.copyOfRange(first, 0, dim));
        assertArrayEquals(t.tokenState(0), Arrays.copyOfRange(first, dim, 2 * dim));
        assertArrayEquals(t.tokenState(1), Arrays.copyOfRange(first, 2 * dim, 3 * dim));
        int last = t.tokenCount() - 1;
        float[] end = t.tokenFeatures(last, 1);
        assertArrayEquals(new float[dim], Arrays.copyOfRange(end, 2 * dim, 3 * dim), "padding is not a neighbour");
        float[] rows = t.tokenFeatureRows(1);
        assertArrayEquals(end, Arrays.copyOfRange(rows, last * 3 * dim, (last + 1) * 3 * dim));
    }

    @Test
    void pooledStatesOfTheWholeTextEqualTheEmbedding() {
        EncodedText t =
                encoder.encode(List.of("one encoder pass feeds every head")).get(0);
        assertArrayEquals(t.embedding(), t.pooledStates(0, t.tokenCount()), 1e-5f);
        assertNull(t.pooledStates(1, 1));
    }

    @Test
    void longTextsAreTruncatedAndFlagged() {
        String megabyte = "refund ".repeat(150_000);
        EncodedBatch b = encoder.encode(List.of(megabyte, "short"));
        assertEquals(encoder.maxLength(), b.get(0).tokenCount());
        assertTrue(b.get(0).truncated());
        assertFalse(b.get(1).truncated());
        assertEquals(encoder.maxLength(), encoder.tokenCount(megabyte));
    }

    @Test
    void badInputIsEncodedWithoutErrors() {
        List<String> texts = List.of(
                "",
                "   \t\n ",
                "bad \uD800 high and \uDC00 low surrogates",
                "nul\u0000bell\u0007esc\u001B",
                "東京で注文した商品が届きません",
                "заказ не пришёл",
                "🔥🔥🔥 👍🏽",
                "\uD83D");
        EncodedBatch b = encoder.encode(texts);
        assertEquals(texts.size(), b.size());
        assertEquals(2, b.get(0).tokenCount(), "empty text is [CLS] [SEP]");
        assertEquals(2, b.get(1).tokenCount(), "whitespace is [CLS] [SEP]");
        for (EncodedText t : b.texts()) {
            assertFalse(t.truncated());
            assertEquals(1.0, Vectors.dot(t.embedding(), t.embedding()), 1e-4);
            for (int i = 0; i < t.tokenCount(); i++) {
                assertTrue(t.isSpecial(i)
                        || (t.tokenStart(i) >= 0 && t.tokenEnd(i) <= t.text().length()));
            }
        }
        assertTrue(b.get(4).tokenCount() > 2, "CJK is tokenized");
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(Arrays.asList("ok", null)));
    }

    @Test
    void emptyBatchRunsNothing() {
        assertEquals(0, encoder.encode(List.of()).size());
    }
}
