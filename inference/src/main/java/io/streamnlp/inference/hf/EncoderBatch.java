package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Tokenized texts padded to the longest of them (not to the model maximum: padding costs compute),
 * in the row-major {@code [rows, cols]} layout ONNX Runtime takes.
 */
final class EncoderBatch {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final int rows;
    private final int cols;
    private final long[] ids;
    private final long[] mask;
    private final long[] typeIds;

    private EncoderBatch(int rows, int cols, long[] ids, long[] mask, long[] typeIds) {
        this.rows = rows;
        this.cols = cols;
        this.ids = ids;
        this.mask = mask;
        this.typeIds = typeIds;
    }

    static EncoderBatch of(List<TokenizedText> texts, long padId) {
        int rows = texts.size();
        int cols = 0;
        for (TokenizedText t : texts) {
            cols = Math.max(cols, t.length());
        }
        long[] ids = new long[rows * cols];
        long[] mask = new long[rows * cols];
        long[] typeIds = new long[rows * cols];
        java.util.Arrays.fill(ids, padId);
        for (int r = 0; r < rows; r++) {
            TokenizedText t = texts.get(r);
            System.arraycopy(t.ids(), 0, ids, r * cols, t.length());
            System.arraycopy(t.attentionMask(), 0, mask, r * cols, t.length());
            System.arraycopy(t.typeIds(), 0, typeIds, r * cols, t.length());
        }
        return new EncoderBatch(rows, cols, ids, mask, typeIds);
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    long[] attentionMask() {
        return mask;
    }

    /** The attention mask with every row repeated {@code times} times, for beam search. */
    long[] attentionMaskRepeated(int times) {
        long[] out = new long[mask.length * times];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < times; k++) {
                System.arraycopy(mask, r * cols, out, (r * times + k) * cols, cols);
            }
        }
        return out;
    }

    /** Named input tensors for a model whose inputs are a subset of ids, attention mask and token types. */
    NDList toInputs(NDManager manager, List<String> inputNames) {
        NDList list = new NDList(inputNames.size());
        Shape shape = new Shape(rows, cols);
        for (String name : inputNames) {
            long[] values = switch (name) {
                case INPUT_IDS -> ids;
                case ATTENTION_MASK -> mask;
                case TOKEN_TYPE_IDS -> typeIds;
                default ->
                    throw new InvalidHfExportException("model input '" + name + "' is not supported; expected "
                            + "input_ids, attention_mask and optionally token_type_ids");
            };
            NDArray array = manager.create(values, shape);
            array.setName(name);
            list.add(array);
        }
        return list;
    }
}
