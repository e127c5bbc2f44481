package io.streamnlp.training;

import io.streamnlp.inference.encoder.EncodedText;

/** What training keeps of one encoded text: its sentence embedding and the tokenizer statistics drift profiles use. */
public record TextFeatures(float[] embedding, int tokens, int unknownTokens) {

    public static TextFeatures of(EncodedText encoded) {
        return new TextFeatures(encoded.embedding(), encoded.tokenCount(), encoded.unknownTokens());
    }
}
