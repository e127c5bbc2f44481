package io.streamnlp.inference.hf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** transformers' greedy decoding ({@code num_beams=1}, no sampling), step for step. */
final class GreedySearch {

    private GreedySearch() {}

    /** @return per row the generated ids, start token first, up to and including EOS or the length limit */
    static List<long[]> run(DecoderStep decoder, int rows, GenerationConfig config) {
        int maxLength = config.effectiveMaxLength();
        List<LogitsProcessor> processors = LogitsProcessor.forConfig(config);
        long pad = config.padTokenId()
                .orElse(
                        config.eosTokenIds().isEmpty()
                                ? 0
                                : config.eosTokenIds().get(0));
        long[][] sequences = new long[rows][1];
        int[] lengths = new int[rows];
        boolean[] finished = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            sequences[r][0] = config.decoderStartTokenId();
            lengths[r] = 1;
        }
        int curLen = 1;
        int unfinished = rows;
        while (unfinished > 0 && curLen < maxLength) {
            float[][] logits = decoder.nextTokenLogits(sequences);
            long[][] next = new long[rows][];
            for (int r = 0; r < rows; r++) {
                next[r] = Arrays.copyOf(sequences[r], curLen + 1);
                if (finished[r]) {
                    next[r][curLen] = pad;
                    continue;
                }
                LogitsProcessor.applyAll(processors, sequences[r], logits[r]);
                long token = argmax(logits[r]);
                next[r][curLen] = token;
                lengths[r] = curLen + 1;
                if (curLen + 1 >= maxLength || config.eosTokenIds().contains((int) token)) {
                    finished[r] = true;
                    unfinished--;
                }
            }
            sequences = next;
            curLen++;
        }
        List<long[]> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(Arrays.copyOf(sequences[r], lengths[r]));
        }
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
