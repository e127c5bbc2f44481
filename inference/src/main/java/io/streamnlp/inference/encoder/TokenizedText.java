package io.streamnlp.inference.encoder;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * A text tokenized for one encoder, before any batch is formed: a batcher budgets by its
 * {@link #tokenCount()} and the encoder pass runs on its encoding, so every text is tokenized once
 * (as Hugging Face text-embeddings-inference's queue entries carry their encoding).
 */
public final class TokenizedText {

    private final SharedEncoder encoder;
    private final String text;
    private final Encoding encoding;
    private final boolean cut;

    TokenizedText(SharedEncoder encoder, String text, Encoding encoding, boolean cut) {
        this.encoder = encoder;
        this.text = text;
        this.encoding = encoding;
        this.cut = cut;
    }

    /** The original text. */
    public String text() {
        return text;
    }

    /** Tokens this text occupies in a batch, special tokens included (at most the encoder's maximum length). */
    public int tokenCount() {
        return encoding.getIds().length;
    }

    SharedEncoder encoder() {
        return encoder;
    }

    Encoding encoding() {
        return encoding;
    }

    /** Whether the text was longer than the encoder takes and was cut. */
    boolean truncated() {
        return cut || encoding.exceedMaxLength();
    }
}
