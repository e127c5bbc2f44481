package io.streamnlp.finetune.model;

/**
 * The shape of a BERT-family encoder.
 *
 * @param layers transformer layers
 * @param hidden width of the token states
 * @param heads attention heads (each {@code hidden / heads} wide)
 * @param intermediate width of the feed-forward layer
 * @param layerNormEps LayerNorm epsilon
 * @param vocabulary word-piece vocabulary size
 * @param maxPositions position embeddings, so the longest sequence
 */
public record EncoderConfig(
        int layers, int hidden, int heads, int intermediate, float layerNormEps, int vocabulary, int maxPositions) {

    /** sentence-transformers/all-MiniLM-L6-v2. */
    public static final EncoderConfig MINILM_L6 = new EncoderConfig(6, 384, 12, 1536, 1e-12f, 30522, 512);

    public EncoderConfig {
        if (layers < 1 || hidden < 1 || heads < 1 || intermediate < 1 || vocabulary < 1 || maxPositions < 1) {
            throw new IllegalArgumentException("encoder sizes must be positive");
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " is not a multiple of heads " + heads);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layerNormEps must be positive");
        }
    }

    public int headSize() {
        return hidden / heads;
    }
}
