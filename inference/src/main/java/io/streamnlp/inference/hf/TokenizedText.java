package io.streamnlp.inference.hf;

/**
 * One text as the model sees it: token ids with their masks and where each token came from.
 *
 * @param text the text as given by the caller
 * @param ids token ids, special tokens included, after truncation
 * @param typeIds token type ids
 * @param attentionMask 1 for every real token (no padding here)
 * @param tokens the token strings of the vocabulary
 * @param special true for tokens the tokenizer added ({@code [CLS]}, {@code </s>}, ...)
 * @param starts start of each token in {@code text} as a Java char index, -1 for special tokens
 * @param ends end (exclusive) of each token in {@code text}, -1 for special tokens
 * @param truncated true when the text had more tokens than the model accepts and the rest was cut off
 */
public record TokenizedText(
        String text,
        long[] ids,
        long[] typeIds,
        long[] attentionMask,
        String[] tokens,
        boolean[] special,
        int[] starts,
        int[] ends,
        boolean truncated) {

    public int length() {
        return ids.length;
    }

    /** The text a token covers, empty for special tokens. */
    public String tokenText(int index) {
        return starts[index] < 0 ? "" : text.substring(starts[index], ends[index]);
    }
}
