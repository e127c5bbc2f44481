package io.streamnlp.inference.encoder;

import java.util.List;

/**
 * The result of one encoder pass over a batch, in input order.
 *
 * @param texts one entry per input text
 * @param paddedLength tokens per row that the encoder ran (the batch's longest text)
 */
public record EncodedBatch(List<EncodedText> texts, int paddedLength) {

    public EncodedBatch {
        texts = List.copyOf(texts);
    }

    public int size() {
        return texts.size();
    }

    public EncodedText get(int index) {
        return texts.get(index);
    }

    /** The original text at {@code index}. */
    public String text(int index) {
        return texts.get(index).text();
    }
}
