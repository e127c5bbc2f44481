package io.streamnlp.inference.encoder;

import java.util.Arrays;

/**
 * One text after the shared encoder pass: its sentence embedding, its token states and how the
 * tokens map back onto the original text. Token arrays have {@link #tokenCount()} entries, special
 * tokens ({@code [CLS]}, {@code [SEP]}) included; padding is not part of them.
 */
public final class EncodedText {

    private final String text;
    private final int dim;
    private final float[] embedding;
    private final float[] states;
    private final TokenAlignment alignment;
    private final boolean truncated;
    private final int unknownTokens;

    EncodedText(
            String text,
            int dim,
            float[] embedding,
            float[] states,
            TokenAlignment alignment,
            boolean truncated,
            int unknownTokens) {
        this.text = text;
        this.dim = dim;
        this.embedding = embedding;
        this.states = states;
        this.alignment = alignment;
        this.truncated = truncated;
        this.unknownTokens = unknownTokens;
    }

    /** The original text, exactly as given to the encoder. */
    public String text() {
        return text;
    }

    /** Width of each token state. */
    public int dim() {
        return dim;
    }

    /** Tokens including special tokens, excluding padding. */
    public int tokenCount() {
        return alignment.tokenCount();
    }

    /** How the tokens map onto {@link #text()}. */
    public TokenAlignment alignment() {
        return alignment;
    }

    /** Whether the text had more tokens than the encoder's maximum (or characters beyond the input cap). */
    public boolean truncated() {
        return truncated;
    }

    /** Tokens that the vocabulary could not represent ({@code [UNK]}). */
    public int unknownTokens() {
        return unknownTokens;
    }

    /** The sentence embedding as the encoder's pooling makes it, L2-normalised. A copy. */
    public float[] embedding() {
        return embedding.clone();
    }

    /** The final hidden state of one token. A copy. */
    public float[] tokenState(int token) {
        checkToken(token);
        return Arrays.copyOfRange(states, token * dim, (token + 1) * dim);
    }

    /** Start offset (UTF-16 units) of a token in {@link #text()}, or -1 for a special token. */
    public int tokenStart(int token) {
        return alignment.tokenStart(token);
    }

    /** End offset (exclusive, UTF-16 units) of a token in {@link #text()}, or -1 for a special token. */
    public int tokenEnd(int token) {
        return alignment.tokenEnd(token);
    }

    public boolean isSpecial(int token) {
        return alignment.isSpecial(token);
    }

    /** Index of the word a token belongs to, or -1 for a special token. */
    public int wordId(int token) {
        return alignment.wordId(token);
    }

    /** Whether a token is the first sub-word of its word (the token that carries the word's NER label). */
    public boolean isFirstSubword(int token) {
        return alignment.isFirstSubword(token);
    }

    /**
     * NER features of one token: its state followed by those of its {@code window} left and right
     * neighbours, ordered from leftmost to rightmost, zeros beyond the sequence (special tokens are
     * part of the sequence, padding is not). Length {@code (2 * window + 1) * dim}.
     */
    public float[] tokenFeatures(int token, int window) {
        checkToken(token);
        float[] out = new float[(2 * window + 1) * dim];
        writeTokenFeatures(token, window, out, 0);
        return out;
    }

    /** {@link #tokenFeatures} of every token, as rows of one array: {@code tokenCount * (2w+1) * dim} values. */
    public float[] tokenFeatureRows(int window) {
        int width = (2 * window + 1) * dim;
        float[] out = new float[tokenCount() * width];
        for (int t = 0; t < tokenCount(); t++) {
            writeTokenFeatures(t, window, out, t * width);
        }
        return out;
    }

    private void writeTokenFeatures(int token, int window, float[] out, int offset) {
        if (window < 0) {
            throw new IllegalArgumentException("window must be >= 0, got " + window);
        }
        for (int k = -window; k <= window; k++) {
            int neighbour = token + k;
            if (neighbour >= 0 && neighbour < tokenCount()) {
                System.arraycopy(states, neighbour * dim, out, offset + (k + window) * dim, dim);
            }
        }
    }

    /**
     * Masked mean of the states of tokens {@code [from, to)}, L2-normalised: the embedding of a span
     * of the text computed from this same encoder pass. Null when the range is empty.
     */
    public float[] pooledStates(int from, int to) {
        if (from < 0 || to > tokenCount() || from > to) {
            throw new IndexOutOfBoundsException(
                    "token range [" + from + ", " + to + ") outside [0, " + tokenCount() + ")");
        }
        if (from == to) {
            return null;
        }
        float[] v = new float[dim];
        for (int t = from; t < to; t++) {
            int base = t * dim;
            for (int d = 0; d < dim; d++) {
                v[d] += states[base + d];
            }
        }
        return Vectors.normalize(v);
    }

    private void checkToken(int token) {
        if (token < 0 || token >= tokenCount()) {
            throw new IndexOutOfBoundsException("token " + token + " outside [0, " + tokenCount() + ")");
        }
    }
}
