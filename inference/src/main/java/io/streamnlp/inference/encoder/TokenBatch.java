package io.streamnlp.inference.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Token ids of a batch padded to its longest text, row-major {@code [size, length]}: the encoder's
 * three inputs, as the serving encoder and fine-tuning both feed them.
 */
public final class TokenBatch {

    private final int size;
    private final int length;
    private final long[] ids;
    private final long[] mask;
    private final long[] types;

    private TokenBatch(int size, int length) {
        this.size = size;
        this.length = length;
        ids = new long[size * length];
        mask = new long[size * length];
        types = new long[size * length];
    }

    public static TokenBatch of(Encoding[] encodings) {
        int length = 1;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        TokenBatch b = new TokenBatch(encodings.length, length);
        for (int i = 0; i < encodings.length; i++) {
            Encoding e = encodings[i];
            int n = e.getIds().length;
            System.arraycopy(e.getIds(), 0, b.ids, i * length, n);
            System.arraycopy(e.getAttentionMask(), 0, b.mask, i * length, n);
            System.arraycopy(e.getTypeIds(), 0, b.types, i * length, n);
        }
        return b;
    }

    public int size() {
        return size;
    }

    public int length() {
        return length;
    }

    /** Real (unpadded) tokens of row {@code i}. */
    public int tokens(int i) {
        int n = 0;
        while (n < length && mask[i * length + n] != 0) {
            n++;
        }
        return n;
    }

    /** {@code input_ids, attention_mask, token_type_ids} as int64 arrays of {@code manager}, named so. */
    public NDList toNDList(NDManager manager) {
        Shape shape = new Shape(size, length);
        return new NDList(
                named(manager.create(ids, shape), "input_ids"),
                named(manager.create(mask, shape), "attention_mask"),
                named(manager.create(types, shape), "token_type_ids"));
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
