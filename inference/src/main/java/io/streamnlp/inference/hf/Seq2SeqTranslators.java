package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;
import java.util.Set;

/** DJL translators for the two graphs of an Optimum encoder-decoder export without KV cache. */
final class Seq2SeqTranslators {

    static final String LAST_HIDDEN_STATE = "last_hidden_state";
    static final String DECODER_INPUT_IDS = "input_ids";
    static final String ENCODER_HIDDEN_STATES = "encoder_hidden_states";
    static final String ENCODER_ATTENTION_MASK = "encoder_attention_mask";
    static final Set<String> DECODER_INPUTS = Set.of(DECODER_INPUT_IDS, ENCODER_HIDDEN_STATES, ENCODER_ATTENTION_MASK);

    private Seq2SeqTranslators() {}

    /** encoder_model.onnx: padded batch to {@code last_hidden_state [rows, tokens, hidden]}. */
    static final class Encoder implements NoBatchifyTranslator<EncoderBatch, FloatTensor> {
        private final List<String> inputNames;

        Encoder(List<String> inputNames) {
            this.inputNames = List.copyOf(inputNames);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, EncoderBatch batch) {
            return batch.toInputs(ctx.getNDManager(), inputNames);
        }

        @Override
        public FloatTensor processOutput(TranslatorContext ctx, NDList outputs) {
            NDArray hidden = outputs.get(LAST_HIDDEN_STATE);
            if (hidden == null) {
                hidden = outputs.get(0);
            }
            return new FloatTensor(hidden.getShape().getShape(), hidden.toFloatArray());
        }
    }

    /**
     * One decoder pass. The encoder states and mask live in a manager owned by the generation call and
     * are reused, not copied, on every step.
     *
     * @param sequences decoder tokens so far, one row per encoder row
     */
    record DecoderInput(long[][] sequences, NDArray encoderHiddenStates, NDArray encoderAttentionMask) {}

    /** decoder_model.onnx: the logits at the last decoder position, {@code [rows, vocab]}. */
    static final class Decoder implements NoBatchifyTranslator<DecoderInput, float[][]> {

        @Override
        public NDList processInput(TranslatorContext ctx, DecoderInput input) {
            long[][] sequences = input.sequences();
            int rows = sequences.length;
            int length = sequences[0].length;
            long[] flat = new long[rows * length];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(sequences[r], 0, flat, r * length, length);
            }
            // the first input's manager receives the outputs: it must be this call's, not the shared encoder state's
            NDArray ids = ctx.getNDManager().create(flat, new Shape(rows, length));
            ids.setName(DECODER_INPUT_IDS);
            input.encoderHiddenStates().setName(ENCODER_HIDDEN_STATES);
            input.encoderAttentionMask().setName(ENCODER_ATTENTION_MASK);
            return new NDList(ids, input.encoderHiddenStates(), input.encoderAttentionMask());
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
            NDArray logits = outputs.get("logits");
            if (logits == null) {
                logits = outputs.get(0);
            }
            long[] shape = logits.getShape().getShape();
            if (shape.length != 3) {
                throw new InvalidHfExportException("decoder logits must be [batch, tokens, vocab], got "
                        + logits.getShape());
            }
            int rows = (int) shape[0];
            int length = (int) shape[1];
            int vocab = (int) shape[2];
            float[] all = logits.toFloatArray();
            float[][] last = new float[rows][];
            for (int r = 0; r < rows; r++) {
                int from = (r * length + length - 1) * vocab;
                last[r] = java.util.Arrays.copyOfRange(all, from, from + vocab);
            }
            return last;
        }
    }
}
