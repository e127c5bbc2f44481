package io.streamnlp.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnlp.bundle.Pooling;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class SentencePoolingTest {

    /** Three tokens of width 2: [CLS], one text token, [SEP]. */
    private static final float[] STATES = {
        10, 0,
        3, 4,
        -6, 8
    };

    private static final IntPredicate FIRST_AND_LAST_SPECIAL = t -> t == 0 || t == 2;

    @Test
    void meanAveragesEveryTokenAndClsTakesTheFirst() {
        // sum (7, 12), length sqrt(193)
        float n = (float) Math.sqrt(193);
        assertArrayEquals(
                new float[] {7 / n, 12 / n},
                SentencePooling.pool(Pooling.MEAN, STATES, 3, 2, FIRST_AND_LAST_SPECIAL),
                1e-6f);
        assertArrayEquals(
                new float[] {1, 0}, SentencePooling.pool(Pooling.CLS, STATES, 3, 2, FIRST_AND_LAST_SPECIAL), 1e-6f);
    }

    @Test
    void meanMaxJoinsTheMeanAndTheMaxOfTheTextTokensEachHalfWeighingTheSame() {
        float[] text = {1, 2, 3, 4, 0, -1};
        IntPredicate firstSpecial = t -> t == 0;
        float[] pooled = SentencePooling.pool(Pooling.MEAN_MAX, text, 3, 2, firstSpecial);

        float h = (float) Math.sqrt(0.5);
        float meanNorm = (float) Math.sqrt(16 + 25);
        float maxNorm = (float) Math.sqrt(9 + 16);
        // mean over all three tokens (4, 5); max over tokens 1 and 2 only (3, 4): [CLS]'s values would not win
        assertArrayEquals(
                new float[] {h * 4 / meanNorm, h * 5 / meanNorm, h * 3 / maxNorm, h * 4 / maxNorm}, pooled, 1e-6f);
        assertEquals(1.0, Vectors.dot(pooled, pooled), 1e-6);
    }

    @Test
    void maxIgnoresSpecialTokensEvenWhenTheirValuesAreTheLargest() {
        float[] pooled = SentencePooling.pool(Pooling.MEAN_MAX, STATES, 3, 2, FIRST_AND_LAST_SPECIAL);
        float h = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {h * 3 / 5, h * 4 / 5}, new float[] {pooled[2], pooled[3]}, 1e-6f);
    }

    @Test
    void aTextOfSpecialTokensOnlyHasAZeroMaxHalf() {
        float[] pooled = SentencePooling.pool(Pooling.MEAN_MAX, STATES, 3, 2, t -> true);
        assertEquals(4, pooled.length);
        assertArrayEquals(new float[] {0, 0}, new float[] {pooled[2], pooled[3]});
        assertEquals(1.0, Vectors.dot(pooled, pooled), 1e-6);
    }

    @Test
    void widthIsTheStatesWidthTimesThePoolingsFactor() {
        assertEquals(384, Pooling.MEAN.embeddingWidth(384));
        assertEquals(384, Pooling.CLS.embeddingWidth(384));
        assertEquals(768, Pooling.MEAN_MAX.embeddingWidth(384));
    }
}
