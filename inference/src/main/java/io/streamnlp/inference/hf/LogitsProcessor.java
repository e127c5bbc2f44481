package io.streamnlp.inference.hf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Changes next-token scores in place before a token is chosen, as transformers' logits processors
 * do. Only the processors that {@link GenerationConfig} can switch on exist here.
 */
interface LogitsProcessor {

    /**
     * @param sequence the row's tokens so far, start token included ({@code cur_len} = its length)
     * @param scores logits (greedy) or log-probabilities (beam search) over the vocabulary
     */
    void process(long[] sequence, float[] scores);

    /** The processors a configuration enables, in the order transformers applies them. */
    static List<LogitsProcessor> forConfig(GenerationConfig config) {
        List<LogitsProcessor> out = new ArrayList<>();
        int maxLength = config.effectiveMaxLength();
        List<Integer> eos = config.eosTokenIds();
        if (config.noRepeatNgramSize() > 0) {
            out.add(new NoRepeatNgram(config.noRepeatNgramSize()));
        }
        if (config.minLength() > 0 && !eos.isEmpty()) {
            out.add((sequence, scores) -> {
                if (sequence.length < config.minLength()) {
                    suppress(scores, eos);
                }
            });
        }
        if (config.minNewTokens() > 0 && !eos.isEmpty()) {
            out.add((sequence, scores) -> {
                if (sequence.length - 1 < config.minNewTokens()) {
                    suppress(scores, eos);
                }
            });
        }
        config.forcedBosTokenId()
                .ifPresent(bos -> out.add((sequence, scores) -> {
                    if (sequence.length == 1) {
                        force(scores, List.of(bos));
                    }
                }));
        if (!config.forcedEosTokenIds().isEmpty()) {
            out.add((sequence, scores) -> {
                if (sequence.length == maxLength - 1) {
                    force(scores, config.forcedEosTokenIds());
                }
            });
        }
        return out;
    }

    static void applyAll(List<LogitsProcessor> processors, long[] sequence, float[] scores) {
        for (LogitsProcessor p : processors) {
            p.process(sequence, scores);
        }
    }

    private static void suppress(float[] scores, List<Integer> tokens) {
        for (int t : tokens) {
            if (t >= 0 && t < scores.length) {
                scores[t] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** Every token impossible except the given ones, which get score 0. */
    private static void force(float[] scores, List<Integer> tokens) {
        java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int t : tokens) {
            if (t >= 0 && t < scores.length) {
                scores[t] = 0f;
            }
        }
    }

    /** transformers' {@code NoRepeatNGramLogitsProcessor}: bans tokens that would repeat an n-gram. */
    final class NoRepeatNgram implements LogitsProcessor {
        private final int n;

        NoRepeatNgram(int n) {
            this.n = n;
        }

        @Override
        public void process(long[] sequence, float[] scores) {
            int curLen = sequence.length;
            if (curLen + 1 < n) {
                return;
            }
            int prefixStart = curLen + 1 - n;
            Set<Long> banned = new HashSet<>();
            for (int i = 0; i + n <= curLen; i++) {
                boolean same = true;
                for (int j = 0; j < n - 1 && same; j++) {
                    same = sequence[i + j] == sequence[prefixStart + j];
                }
                if (same) {
                    banned.add(sequence[i + n - 1]);
                }
            }
            for (long t : banned) {
                if (t >= 0 && t < scores.length) {
                    scores[(int) t] = Float.NEGATIVE_INFINITY;
                }
            }
        }
    }
}
