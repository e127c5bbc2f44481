package io.streamnlp.inference.hf;

/** One decoder pass: the logits of the next token for every row, given each row's tokens so far. */
@FunctionalInterface
interface DecoderStep {

    /**
     * @param sequences one row per decoder input row (all of equal length), start token first
     * @return {@code [rows, vocab]} logits at the last position
     */
    float[][] nextTokenLogits(long[][] sequences);
}
