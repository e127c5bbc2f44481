package io.streamnlp.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RougeTest {

    @Test
    void handComputedScores() {
        Rouge.Scores s = Rouge.score("The cat sat on the mat.", "the cat is on the mat");

        assertEquals(5.0 / 6, s.rouge1(), 1e-12); // the x2, cat, on, mat
        assertEquals(3.0 / 5, s.rouge2(), 1e-12); // "the cat", "on the", "the mat"
        assertEquals(5.0 / 6, s.rougeL(), 1e-12); // LCS: the cat on the mat
    }

    @Test
    void precisionAndRecallCombineAsFMeasure() {
        Rouge.Scores s = Rouge.score("a b", "a b c d");

        assertEquals(2 * 1.0 * 0.5 / 1.5, s.rouge1(), 1e-12);
        assertEquals(2 * 1.0 * (1.0 / 3) / (1 + 1.0 / 3), s.rouge2(), 1e-12);
        assertEquals(2 * 1.0 * 0.5 / 1.5, s.rougeL(), 1e-12);
    }

    @Test
    void lcsIsInOrderNotContiguous() {
        assertEquals(
                2 * (3.0 / 5) * (3.0 / 4) / (3.0 / 5 + 3.0 / 4),
                Rouge.score("a x b y c", "a b z c").rougeL(),
                1e-12);
    }

    @Test
    void tokensAreLowercaseAsciiAlphanumericRuns() {
        assertEquals(
                List.of("hello", "world", "it", "s", "2024", "m", "ller"),
                Rouge.tokens("Hello, World! It's 2024. Müller"));
    }

    @Test
    void nothingInCommonScoresZero() {
        Rouge.Scores s = Rouge.score("x y", "a b");
        assertEquals(new Rouge.Scores(0, 0, 0), s);
        assertEquals(new Rouge.Scores(0, 0, 0), Rouge.score("", "a b"));
    }
}
