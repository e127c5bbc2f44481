package io.streamnlp.inference.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.testing.TestEncoders;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OrthographyTest {
    private final SharedEncoder encoder = TestEncoders.miniLm();

    @Test
    void givesBackTheCaseThatTheUncasedEncoderLoses() {
        EncodedText t = encoder.encode(List.of("Alice met IBM and iPhone fans at ORD-48213 with @bob 42"))
                .get(0);

        // initial capital, all capitals, inner capital, lower case, digit, all digits, other, @/#, first, glued
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 1, 0}, shape(t, "Alice"));
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, shape(t, "IBM"));
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, shape(t, "iPhone"));
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, shape(t, "fans"));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 0, 0, 1}, shape(t, "-"));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 1}, shape(t, "48213"));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 1, 0, 0}, shape(t, "@"));
    }

    @Test
    void aHeadRowIsTheWindowedStatesFollowedByTheShape() {
        EncodedText t = encoder.encode(List.of("Alice met Bob")).get(0);
        int token = firstTokenOf(t, "Bob");
        float[] row = NerHead.rowFeatures(t, token, 1, true);

        assertEquals(NerHead.inputWidth(t.dim(), 1, true), row.length);
        assertArrayEquals(t.tokenFeatures(token, 1), Arrays.copyOf(row, 3 * t.dim()));
        assertArrayEquals(Orthography.features(t, token), Arrays.copyOfRange(row, 3 * t.dim(), row.length));
        assertArrayEquals(t.tokenFeatures(token, 1), NerHead.rowFeatures(t, token, 1, false));
    }

    private static float[] shape(EncodedText t, String word) {
        return Orthography.features(t, firstTokenOf(t, word));
    }

    private static int firstTokenOf(EncodedText t, String word) {
        int start = t.text().indexOf(word);
        for (int token = 0; token < t.tokenCount(); token++) {
            if (t.tokenStart(token) == start && t.isFirstSubword(token)) {
                return token;
            }
        }
        throw new AssertionError("no word starts at " + start + ": " + word);
    }
}
