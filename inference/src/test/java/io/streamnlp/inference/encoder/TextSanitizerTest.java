package io.streamnlp.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextSanitizerTest {

    @Test
    void keepsValidTextUntouched() {
        String text = "plain, Crème, 東京, 😀 and \t\n controls \u0007";
        assertSame(text, TextSanitizer.sanitize(text));
    }

    @Test
    void replacesLoneSurrogatesAndNulWithoutMovingCharacters() {
        String text = "a\uD800b\uDC00c\u0000d\uD83D";
        String clean = TextSanitizer.sanitize(text);
        assertEquals(text.length(), clean.length());
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFD", clean);
        assertEquals("ok 😀", TextSanitizer.sanitize("ok 😀"));
    }
}
