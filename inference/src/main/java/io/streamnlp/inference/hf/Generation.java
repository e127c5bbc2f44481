package io.streamnlp.inference.hf;

/**
 * What a sequence-to-sequence model generated for one input.
 *
 * @param tokenIds the decoder sequence: start token first, up to and including EOS (or the length limit)
 * @param text the ids decoded by the tokenizer without special tokens
 * @param inputTruncated true when the input was longer than the encoder accepts and only its beginning was read
 */
public record Generation(long[] tokenIds, String text, boolean inputTruncated) {}
