package io.streamnlp.training.heads;

import io.streamnlp.inference.encoder.TokenAlignment;
import io.streamnlp.training.data.Iob2;
import io.streamnlp.training.data.TaggedSentence;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligns the words of a CoNLL sentence with the encoder's tokens of {@link TaggedSentence#text()}.
 *
 * <p>The inference side labels every first sub-word of every <em>tokenizer</em> word, and the
 * tokenizer's pre-tokenizer splits on punctuation: {@code ORD-48213} is one CoNLL word but three
 * tokenizer words. So training labels each tokenizer word from the CoNLL word it lies in (a piece
 * after the first continues the entity: {@code B-X} becomes {@code I-X}), while scoring reads the
 * first sub-word of each CoNLL word, so that metrics count CoNLL words as seqeval does.
 */
public final class WordTokens {
    private WordTokens() {}

    /** A token to train on and its IOB2 label. */
    public record LabelledToken(int token, String tag) {}

    /** Token index of each CoNLL word's first sub-word, or -1 where the word was truncated away. */
    public static int[] firstSubwords(TaggedSentence sentence, TokenAlignment encoded) {
        int[] starts = sentence.tokenStarts();
        int[] tokens = new int[starts.length];
        int t = 0;
        for (int w = 0; w < starts.length; w++) {
            while (t < encoded.tokenCount() && (encoded.isSpecial(t) || encoded.tokenStart(t) < starts[w])) {
                t++;
            }
            tokens[w] = t < encoded.tokenCount() && encoded.tokenStart(t) == starts[w] ? t : -1;
        }
        return tokens;
    }

    /** Every first sub-word token of a tokenizer word, labelled from the CoNLL word it lies in. */
    public static List<LabelledToken> labelled(TaggedSentence sentence, TokenAlignment encoded) {
        int[] starts = sentence.tokenStarts();
        List<LabelledToken> out = new ArrayList<>();
        int w = 0;
        for (int t = 0; t < encoded.tokenCount(); t++) {
            if (!encoded.isFirstSubword(t)) {
                continue;
            }
            int start = encoded.tokenStart(t);
            while (w + 1 < starts.length && starts[w + 1] <= start) {
                w++;
            }
            String tag = Iob2.bundleSafe(sentence.tags().get(w));
            boolean continuation = start > starts[w];
            out.add(new LabelledToken(t, continuation && Iob2.isBegin(tag) ? "I-" + Iob2.type(tag) : tag));
        }
        return out;
    }
}
