package io.streamnlp.finetune.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.streamnlp.inference.encoder.TokenBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The encoder's word-piece tokenizer with the settings the serving side uses: special tokens added,
 * truncation at the maximum length, no padding (batches pad to their longest text).
 */
public final class EncoderTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private EncoderTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * @throws IOException if tokenizer.json cannot be read
     */
    public static EncoderTokenizer load(Path tokenizerJson, int maxLength) throws IOException {
        return new EncoderTokenizer(HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerJson)
                .optMaxLength(maxLength)
                .optTruncation(true)
                .optPadding(false)
                .optAddSpecialTokens(true)
                .build());
    }

    public TokenBatch encode(List<String> texts) {
        return TokenBatch.of(tokenize(texts));
    }

    /** The tokenizer's output for each text: ids and how the tokens align with the text. */
    public Encoding[] tokenize(List<String> texts) {
        return tokenizer.batchEncode(texts.toArray(String[]::new));
    }

    /** Tokens of one text, special tokens included. */
    public int length(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
