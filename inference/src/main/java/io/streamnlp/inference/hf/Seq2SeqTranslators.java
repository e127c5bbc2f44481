package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DJL translators for the graphs of an Optimum encoder-decoder export. */
final class Seq2SeqTranslators {

    static final String LAST_HIDDEN_STATE = "last_hidden_state";
    static final String DECODER_INPUT_IDS = "input_ids";
    static final String ENCODER_HIDDEN_STATES = "encoder_hidden_states";
    static final String ENCODER_ATTENTION_MASK = "encoder_attention_mask";
    static final Set<String> DECODER_INPUTS = Set.of(DECODER_INPUT_IDS, ENCODER_HIDDEN_STATES, ENCODER_ATTENTION_MASK);
    static final String PRESENT_PREFIX = "present.";
    static final String PAST_PREFIX = "past_key_values.";

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
     * One pass of a decoder graph.
     *
     * @param tokens decoder input ids, one row per decoder row: the whole prefix for decoder_model.onnx, the
     *     last token for decoder_with_past_model.onnx
     * @param inputs the other named inputs (encoder states and mask, past keys and values); they live in a
     *     manager owned by the generation call and are reused, not copied, across steps
     * @param owner receives the graph's {@code present.*} outputs; null to let them go with the step
     */
    record DecoderInput(long[][] tokens, List<NDArray> inputs, NDManager owner) {}

    /**
     * @param logits {@code [rows, vocab]} logits at the last decoder position
     * @param present the key/value cache outputs by name ({@code present.0.decoder.key}, ...), owned by the
     *     input's owner; empty when no owner was given or the graph has none
     */
    record DecoderOutput(float[][] logits, Map<String, NDArray> present) {}

    /** decoder_model.onnx or decoder_with_past_model.onnx. */
    static final class Decoder implements NoBatchifyTranslator<DecoderInput, DecoderOutput> {

        private static final String OWNER = "owner";

        @Override
        public NDList processInput(TranslatorContext ctx, DecoderInput input) {
            long[][] tokens = input.tokens();
            int rows = tokens.length;
            int length = tokens[0].length;
            long[] flat = new long[rows * length];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(tokens[r], 0, flat, r * length, length);
            }
            // the first input's manager receives the outputs: it must be this step's, not the shared states'
            NDArray ids = ctx.getNDManager().create(flat, new Shape(rows, length));
            ids.setName(DECODER_INPUT_IDS);
            NDList list = new NDList(ids);
            list.addAll(input.inputs());
            if (input.owner() != null) {
                ctx.setAttachment(OWNER, input.owner());
            }
            return list;
        }

        @Override
        public DecoderOutput processOutput(TranslatorContext ctx, NDList outputs) {
            NDArray logits = outputs.get("logits");
            if (logits == null) {
                logits = outputs.get(0);
            }
            long[] shape = logits.getShape().getShape();
            if (shape.length != 3) {
                throw new InvalidHfExportException(
                        "decoder logits must be [batch, tokens, vocab], got " + logits.getShape());
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
            Map<String, NDArray> present = new HashMap<>();
            NDManager owner = (NDManager) ctx.getAttachment(OWNER);
            if (owner != null) {
                for (NDArray output : outputs) {
                    String name = output.getName();
                    if (name != null && name.startsWith(PRESENT_PREFIX)) {
                        output.attach(owner);
                        present.put(name, output);
                    }
                }
            }
            return new DecoderOutput(last, present);
        }
    }
}
