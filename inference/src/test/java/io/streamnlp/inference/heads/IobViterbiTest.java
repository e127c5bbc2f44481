package io.streamnlp.inference.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IobViterbiTest {
    private static final List<String> LABELS = List.of("O", "B-PER", "I-PER", "B-ORG", "I-ORG");
    private final IobViterbi viterbi = new IobViterbi(LABELS);

    @Test
    void anInsideAfterOutsideBecomesTheBestValidSequence() {
        // per word the argmax is O, I-PER: broken IOB2; B-PER for the second word is the best valid choice
        float[][] probs = {
            {0.9f, 0.05f, 0.01f, 0.02f, 0.02f},
            {0.1f, 0.35f, 0.5f, 0.03f, 0.02f},
        };
        assertArrayEquals(new int[] {0, 1}, viterbi.decode(probs));
    }

    @Test
    void anEntityDoesNotSwitchTypeInside() {
        float[][] probs = {
            {0.05f, 0.8f, 0.05f, 0.05f, 0.05f},
            {0.05f, 0.05f, 0.4f, 0.05f, 0.45f},
        };
        // I-ORG after B-PER is forbidden; I-PER (0.4) beats starting a new ORG (0.05) or O (0.05)
        assertArrayEquals(new int[] {1, 2}, viterbi.decode(probs));
    }

    @Test
    void validArgmaxSequencesAreKeptAndASentenceMayNotStartInside() {
        float[][] valid = {
            {0.1f, 0.7f, 0.1f, 0.05f, 0.05f},
            {0.1f, 0.1f, 0.7f, 0.05f, 0.05f},
            {0.7f, 0.1f, 0.1f, 0.05f, 0.05f},
            {0.1f, 0.05f, 0.05f, 0.7f, 0.1f},
        };
        assertArrayEquals(new int[] {1, 2, 0, 3}, viterbi.decode(valid));
        assertArrayEquals(new int[] {1}, viterbi.decode(new float[][] {{0.1f, 0.3f, 0.6f, 0f, 0f}}));
        assertArrayEquals(new int[0], viterbi.decode(new float[0][]));
    }
}
