package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HfTokenizerTest {

    private static HfTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = HfExport.open(Fixtures.dir(Fixtures.TOKEN_CLASSIFICATION)).tokenizer(0);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void maxLengthComesFromTokenizerConfig() {
        assertEquals(128, tokenizer.maxLength());
        assertTrue(tokenizer.wordAware());
        assertEquals(1L, tokenizer.unkTokenId().orElseThrow());
    }

    @Test
    void offsetsAreJavaCharIndicesEvenAfterEmoji() {
        String text = "😀🎉 Anna london";
        TokenizedText t = tokenizer.encode(text);
        assertArrayEquals(new String[] {"[CLS]", "[UNK]", "anna", "london", "[SEP]"}, t.tokens());
        assertArrayEquals(new int[] {-1, 0, 5, 10, -1}, t.starts());
        assertArrayEquals(new int[] {-1, 4, 9, 16, -1}, t.ends());
        assertEquals("Anna", t.tokenText(2));
        assertEquals("", t.tokenText(0));
    }

    @Test
    void loneSurrogatesAndControlCharactersKeepLaterOffsetsRight() {
        String text = "x\uD800y\u0000\u0007 anna";
        TokenizedText t = tokenizer.encode(text);
        assertEquals("anna", t.tokenText(t.length() - 2));
        assertFalse(t.truncated());
    }

    @Test
    void longTextIsTruncatedAndFlagged() {
        String text = "refund please ".repeat(200);
        TokenizedText t = tokenizer.encode(text);
        assertEquals(128, t.length());
        assertTrue(t.truncated());
        assertTrue(t.special()[127], "the closing special token survives truncation");
    }

    @Test
    void hugeTextGivesTheSameTokensAsItsFullTokenization() {
        String huge = "Refund  please, my order 12345 never arrived! ".repeat(20_000);
        TokenizedText viaPrefix = tokenizer.encode(huge);
        TokenizedText full = tokenizer.encode(huge.substring(0, 2000));
        assertArrayEquals(full.ids(), viaPrefix.ids());
        assertArrayEquals(full.starts(), viaPrefix.starts());
        assertArrayEquals(full.ends(), viaPrefix.ends());
        assertTrue(viaPrefix.truncated());
        assertEquals(huge, viaPrefix.text());
    }

    @Test
    void hugeTextWithoutEnoughTokensInItsPrefixIsTokenizedInFull() {
        String mostlySpace = "anna" + " ".repeat(10_000) + "london";
        TokenizedText t = tokenizer.encode(mostlySpace);
        assertArrayEquals(new String[] {"[CLS]", "anna", "london", "[SEP]"}, t.tokens());
        assertEquals(10_004, t.starts()[2]);
        assertFalse(t.truncated());
    }

    @Test
    void tokensJoinLikeTransformersWithoutDecoder() {
        assertEquals(
                "quick ##l ##y", tokenizer.tokensToString(List.of("quick", "##l", "##y"), new long[] {184, 62, 60}));
    }
}
