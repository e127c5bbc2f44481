package io.streamnlp.inference.hf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * transformers' beam search ({@code GenerationMixin._beam_search}, the vectorised version of 4.50+
 * and 5.x) for one returned sequence per input, reproduced step for step in float32 so that it
 * picks the same sequences: top {@code 2 * num_beams} continuations per step, finished
 * hypotheses scored by {@code sum_logprobs / generated_len ** length_penalty}, and the same early
 * stopping heuristic.
 */
final class BeamSearch {

    /** transformers' stand-in for minus infinity in beam bookkeeping. */
    private static final float MASKED = -1.0e9f;

    /** Encoder-decoder generation starts from the decoder start token alone. */
    private static final int PROMPT_LENGTH = 1;

    private BeamSearch() {}

    /**
     * @param decoder runs {@code batch * numBeams} rows; row {@code b * numBeams + k} is beam k of input b
     * @return per input the best hypothesis, start token first, up to and including EOS or the length limit
     */
    static List<long[]> run(DecoderStep decoder, int batch, GenerationConfig config) {
        int beams = config.numBeams();
        int maxLength = config.effectiveMaxLength();
        List<LogitsProcessor> processors = LogitsProcessor.forConfig(config);
        int keep = Math.max(2, 1 + config.eosTokenIds().size()) * beams;
        Item[] items = new Item[batch];
        for (int b = 0; b < batch; b++) {
            items[b] = new Item(beams, config.decoderStartTokenId());
        }
        int curLen = 1;
        boolean anyOpen = true;
        while (anyOpen && curLen < maxLength) {
            long[][] rows = new long[batch * beams][];
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < beams; k++) {
                    // beams of finished inputs stop growing; their rows only keep the batch rectangular
                    rows[b * beams + k] =
                            items[b].done ? Arrays.copyOf(items[b].running[k], curLen) : items[b].running[k];
                }
            }
            float[][] logits = decoder.nextTokenLogits(rows);
            anyOpen = false;
            for (int b = 0; b < batch; b++) {
                Item item = items[b];
                if (item.done) {
                    continue;
                }
                float[][] logProbs = new float[beams][];
                for (int k = 0; k < beams; k++) {
                    float[] lp = logSoftmax(logits[b * beams + k]);
                    LogitsProcessor.applyAll(processors, item.running[k], lp);
                    for (int v = 0; v < lp.length; v++) {
                        lp[v] += item.runningScores[k];
                    }
                    logProbs[k] = lp;
                }
                item.step(logProbs, keep, curLen, maxLength, config);
                anyOpen |= !item.done;
            }
            curLen++;
        }
        List<long[]> out = new ArrayList<>(batch);
        for (Item item : items) {
            out.add(item.best());
        }
        return out;
    }

    /** The beams of one input. */
    private static final class Item {
        long[][] running;
        float[] runningScores;
        long[][] finished;
        float[] finishedScores;
        boolean[] isFinished;
        boolean improvementPossible = true;
        boolean done;

        Item(int beams, long start) {
            running = new long[beams][];
            runningScores = new float[beams];
            finished = new long[beams][];
            finishedScores = new float[beams];
            isFinished = new boolean[beams];
            for (int k = 0; k < beams; k++) {
                running[k] = new long[] {start};
                // only the first beam is live at the start, so the first step does not pick one token k times
                runningScores[k] = k == 0 ? 0f : MASKED;
                finished[k] = running[k];
                finishedScores[k] = MASKED;
            }
        }

        void step(float[][] logProbs, int keep, int curLen, int maxLength, GenerationConfig config) {
            int beams = running.length;
            int vocab = logProbs[0].length;
            int[] top = topK(logProbs, keep);
            float[] topScores = new float[keep];
            long[][] topSequences = new long[keep][];
            boolean[] hits = new boolean[keep];
            for (int j = 0; j < keep; j++) {
                int beam = top[j] / vocab;
                int token = top[j] % vocab;
                topScores[j] = logProbs[beam][token];
                topSequences[j] = Arrays.copyOf(running[beam], curLen + 1);
                topSequences[j][curLen] = token;
                hits[j] = curLen + 1 >= maxLength || config.eosTokenIds().contains(token);
            }

            // the best continuations that did not finish stay running
            float[] runningCandidates = new float[keep];
            for (int j = 0; j < keep; j++) {
                runningCandidates[j] = hits[j] ? topScores[j] + MASKED : topScores[j];
            }
            int[] nextRunning = topIndices(runningCandidates, beams);
            for (int k = 0; k < beams; k++) {
                running[k] = topSequences[nextRunning[k]];
                runningScores[k] = runningCandidates[nextRunning[k]];
            }

            // finished continuations among the top num_beams compete with earlier finished hypotheses
            boolean beamsFull = config.earlyStopping() == GenerationConfig.EarlyStopping.TRUE && allFinished();
            float lengthNorm = (float) Math.pow(curLen + 1 - PROMPT_LENGTH, config.lengthPenalty());
            int merged = beams + keep;
            float[] mergedScores = new float[merged];
            long[][] mergedSequences = new long[merged][];
            boolean[] mergedFinished = new boolean[merged];
            for (int k = 0; k < beams; k++) {
                mergedScores[k] = finishedScores[k];
                mergedSequences[k] = finished[k];
                mergedFinished[k] = isFinished[k];
            }
            for (int j = 0; j < keep; j++) {
                boolean justFinished = hits[j] && j < beams;
                float s = topScores[j] / lengthNorm;
                if (beamsFull) {
                    s += MASKED;
                }
                if (!improvementPossible) {
                    s += MASKED;
                }
                if (!justFinished) {
                    s += MASKED;
                }
                mergedScores[beams + j] = s;
                mergedSequences[beams + j] = topSequences[j];
                mergedFinished[beams + j] = justFinished;
            }
            int[] best = topIndices(mergedScores, beams);
            long[][] newFinished = new long[beams][];
            float[] newScores = new float[beams];
            boolean[] newIsFinished = new boolean[beams];
            for (int k = 0; k < beams; k++) {
                newFinished[k] = mergedSequences[best[k]];
                newScores[k] = mergedScores[best[k]];
                newIsFinished[k] = mergedFinished[best[k]];
            }
            finished = newFinished;
            finishedScores = newScores;
            isFinished = newIsFinished;

            int nextLen = curLen + 1;
            improvementPossible &= improvementPossible(nextLen, maxLength, config);
            boolean allHit = true;
            for (boolean h : hits) {
                allHit &= h;
            }
            done = !improvementPossible
                    || (config.earlyStopping() == GenerationConfig.EarlyStopping.TRUE && allFinished())
                    || allHit;
        }

        /** transformers' {@code _check_early_stop_heuristic}. */
        private boolean improvementPossible(int curLen, int maxLength, GenerationConfig config) {
            int hypotheticalLength =
                    config.earlyStopping() == GenerationConfig.EarlyStopping.NEVER && config.lengthPenalty() > 0
                            ? maxLength - PROMPT_LENGTH
                            : curLen - PROMPT_LENGTH;
            float bestPossible = runningScores[0] / (float) Math.pow(hypotheticalLength, config.lengthPenalty());
            float worstFinished = Float.POSITIVE_INFINITY;
            for (float s : finishedScores) {
                worstFinished = Math.min(worstFinished, s);
            }
            for (boolean f : isFinished) {
                if (bestPossible > (f ? worstFinished : MASKED)) {
                    return true;
                }
            }
            return false;
        }

        private boolean allFinished() {
            for (boolean f : isFinished) {
                if (!f) {
                    return false;
                }
            }
            return true;
        }

        long[] best() {
            return isFinished[0] ? finished[0] : running[0];
        }
    }

    /** Flat indices {@code beam * vocab + token} of the k largest scores, largest first, ties by index. */
    private static int[] topK(float[][] scores, int k) {
        int vocab = scores[0].length;
        float[] flat = new float[scores.length * vocab];
        for (int b = 0; b < scores.length; b++) {
            System.arraycopy(scores[b], 0, flat, b * vocab, vocab);
        }
        return topIndices(flat, k);
    }

    private static int[] topIndices(float[] values, int k) {
        int[] best = new int[k];
        int filled = 0;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (filled == k && !(v > values[best[k - 1]])) {
                continue;
            }
            int pos = filled == k ? k - 1 : filled++;
            while (pos > 0 && v > values[best[pos - 1]]) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = i;
        }
        return best;
    }

    /** log_softmax in float32, as torch computes it. */
    static float[] logSoftmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        float logSum = (float) Math.log(sum);
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = (logits[i] - max) - logSum;
        }
        return out;
    }
}
