package io.streamnlp.inference.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

/**
 * How the tokens of one tokenized text map back onto it: character offsets, word ids and special
 * tokens. Everything that labels words through tokens (the NER head, NER training on frozen or
 * fine-tuned encoders) reads the same alignment, so the tokens a model is trained on are the tokens
 * it is served on. Padding is not part of it.
 */
public final class TokenAlignment {

    private final int[] start;
    private final int[] end;
    private final int[] wordIds;
    private final boolean[] special;

    private TokenAlignment(int[] start, int[] end, int[] wordIds, boolean[] special) {
        this.start = start;
        this.end = end;
        this.wordIds = wordIds;
        this.special = special;
    }

    /**
     * The alignment of {@code encoding}, the tokenizer's output for {@code text}: the tokens up to the
     * end of its attention mask, offsets converted from the tokenizer's code points to UTF-16 units.
     */
    public static TokenAlignment of(String text, Encoding encoding) {
        return of(text, encoding, 0);
    }

    /**
     * The alignment of {@code encoding}, the tokenizer's output for {@code text} behind a prefix of
     * {@code prefixLength} BMP characters: the prefix's tokens count as special, offsets are the text's.
     */
    public static TokenAlignment of(String text, Encoding encoding, int prefixLength) {
        long[] mask = encoding.getAttentionMask();
        int count = 0;
        while (count < mask.length && mask[count] != 0) {
            count++;
        }
        long[] specialMask = encoding.getSpecialTokenMask();
        long[] words = encoding.getWordIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] start = new int[count];
        int[] end = new int[count];
        int[] wordIds = new int[count];
        boolean[] special = new boolean[count];
        CodePointIndex index = new CodePointIndex(text);
        for (int t = 0; t < count; t++) {
            special[t] = specialMask[t] != 0 || spans[t] == null || spans[t].getStart() < prefixLength;
            if (special[t]) {
                start[t] = -1;
                end[t] = -1;
                wordIds[t] = -1;
            } else {
                start[t] = index.utf16(spans[t].getStart() - prefixLength);
                end[t] = index.utf16(spans[t].getEnd() - prefixLength);
                wordIds[t] = (int) words[t];
            }
        }
        return new TokenAlignment(start, end, wordIds, special);
    }

    /** Tokens including special tokens, excluding padding. */
    public int tokenCount() {
        return start.length;
    }

    /** Start offset (UTF-16 units) of a token in the text, or -1 for a special token. */
    public int tokenStart(int token) {
        return start[token];
    }

    /** End offset (exclusive, UTF-16 units) of a token in the text, or -1 for a special token. */
    public int tokenEnd(int token) {
        return end[token];
    }

    public boolean isSpecial(int token) {
        return special[token];
    }

    /** Index of the word a token belongs to, or -1 for a special token. */
    public int wordId(int token) {
        return wordIds[token];
    }

    /** Whether a token is the first sub-word of its word (the token that carries the word's NER label). */
    public boolean isFirstSubword(int token) {
        return !special[token] && (token == 0 || wordIds[token - 1] != wordIds[token] || special[token - 1]);
    }

    /** Code point offsets (what the native tokenizer reports) to UTF-16 offsets (what Java strings use). */
    private static final class CodePointIndex {
        private final String text;
        private final boolean bmpOnly;

        CodePointIndex(String text) {
            this.text = text;
            this.bmpOnly = text.codePointCount(0, text.length()) == text.length();
        }

        int utf16(int codePointOffset) {
            if (bmpOnly) {
                return Math.min(codePointOffset, text.length());
            }
            return text.offsetByCodePoints(0, Math.min(codePointOffset, text.codePointCount(0, text.length())));
        }
    }
}
