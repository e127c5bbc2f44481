package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.streamnlp.inference.runtime.PredictorPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoder steps with a key/value cache, as Optimum splits them: {@code decoder_model.onnx} reads the
 * start token and returns the first cache ({@code present.*}), then {@code decoder_with_past_model.onnx}
 * reads only the newest token and the cache ({@code past_key_values.*}) at every further step.
 *
 * <p>Search algorithms hand over whole sequences; this class finds for each row the row of the previous
 * step it continues (beam search reorders and duplicates beams) and gathers the cache to match. Rows only
 * continue rows of their own group (the beams of one input), whose encoder cache is the same.
 *
 * <p>One instance serves one generation call; it is not thread-safe.
 */
final class CachedDecoderStep implements DecoderStep {

    private final PredictorPool<Seq2SeqTranslators.DecoderInput, Seq2SeqTranslators.DecoderOutput> firstStep;
    private final PredictorPool<Seq2SeqTranslators.DecoderInput, Seq2SeqTranslators.DecoderOutput> withPast;
    private final List<String> pastNames;
    private final boolean pastTakesEncoderStates;
    private final NDManager owner;
    private final NDArray encoderStates;
    private final NDArray encoderMask;
    private final int groupSize;
    private Map<String, NDArray> cache;
    private long[][] previous;

    /**
     * @param pastNames the cache inputs of the with-past graph ({@code past_key_values.0.decoder.key}, ...)
     * @param owner the generation call's manager: it owns the cache, which this class replaces step by step
     * @param groupSize rows per input (the number of beams)
     */
    CachedDecoderStep(
            PredictorPool<Seq2SeqTranslators.DecoderInput, Seq2SeqTranslators.DecoderOutput> firstStep,
            PredictorPool<Seq2SeqTranslators.DecoderInput, Seq2SeqTranslators.DecoderOutput> withPast,
            List<String> pastNames,
            boolean pastTakesEncoderStates,
            NDManager owner,
            NDArray encoderStates,
            NDArray encoderMask,
            int groupSize) {
        this.firstStep = firstStep;
        this.withPast = withPast;
        this.pastNames = List.copyOf(pastNames);
        this.pastTakesEncoderStates = pastTakesEncoderStates;
        this.owner = owner;
        this.encoderStates = encoderStates;
        this.encoderMask = encoderMask;
        this.groupSize = groupSize;
    }

    @Override
    public float[][] nextTokenLogits(long[][] sequences) {
        Seq2SeqTranslators.DecoderOutput out;
        if (cache == null) {
            out = firstStep.predict(
                    new Seq2SeqTranslators.DecoderInput(sequences, List.of(encoderStates, encoderMask), owner));
            cache = new HashMap<>();
            for (String past : pastNames) {
                NDArray present = out.present().remove(presentName(past));
                if (present == null) {
                    throw new InvalidHfExportException(HfSeq2SeqGenerator.DECODER_FILE + " has no output "
                            + presentName(past) + " for the cache input " + past + " of "
                            + HfSeq2SeqGenerator.DECODER_WITH_PAST_FILE + "; export the model with past key values");
                }
                cache.put(past, present);
            }
        } else {
            reorder(sourceRows(sequences));
            long[][] newest = new long[sequences.length][];
            for (int r = 0; r < sequences.length; r++) {
                newest[r] = new long[] {sequences[r][sequences[r].length - 1]};
            }
            List<NDArray> inputs = new ArrayList<>(pastNames.size() + 2);
            inputs.add(encoderMask);
            if (pastTakesEncoderStates) {
                inputs.add(encoderStates);
            }
            for (String past : pastNames) {
                NDArray value = cache.get(past);
                value.setName(past);
                inputs.add(value);
            }
            out = withPast.predict(new Seq2SeqTranslators.DecoderInput(newest, inputs, owner));
            for (String past : pastNames) {
                NDArray present = out.present().remove(presentName(past));
                if (present != null) {
                    cache.put(past, present).close();
                } else if (!isEncoderCache(past)) {
                    throw new InvalidHfExportException(
                            HfSeq2SeqGenerator.DECODER_WITH_PAST_FILE + " has no output " + presentName(past));
                }
            }
        }
        out.present().values().forEach(NDArray::close);
        previous = sequences;
        return out.logits();
    }

    /** For each row, the row of the previous step whose tokens it extends. */
    private int[] sourceRows(long[][] sequences) {
        int[] source = new int[sequences.length];
        for (int r = 0; r < sequences.length; r++) {
            int group = r / groupSize;
            source[r] = -1;
            for (int p = group * groupSize; p < (group + 1) * groupSize && source[r] < 0; p++) {
                if (continues(sequences[r], previous[p])) {
                    source[r] = p;
                }
            }
            if (source[r] < 0) {
                throw new IllegalStateException("decoder row " + r + " continues no row of the previous step");
            }
        }
        return source;
    }

    private static boolean continues(long[] sequence, long[] prefix) {
        if (sequence.length != prefix.length + 1) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (sequence[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Gathers the self-attention cache rows; the cross-attention cache is equal within a group and stays. */
    private void reorder(int[] source) {
        boolean identity = true;
        for (int r = 0; r < source.length; r++) {
            identity &= source[r] == r;
        }
        if (identity) {
            return;
        }
        for (String past : pastNames) {
            if (isEncoderCache(past)) {
                continue;
            }
            NDArray old = cache.get(past);
            float[] data = old.toFloatArray();
            int rowSize = data.length / source.length;
            float[] gathered = new float[data.length];
            for (int r = 0; r < source.length; r++) {
                System.arraycopy(data, source[r] * rowSize, gathered, r * rowSize, rowSize);
            }
            cache.put(past, owner.create(gathered, old.getShape()));
            old.close();
        }
    }

    private static boolean isEncoderCache(String pastName) {
        return pastName.contains(".encoder.");
    }

    private static String presentName(String pastName) {
        return Seq2SeqTranslators.PRESENT_PREFIX + pastName.substring(Seq2SeqTranslators.PAST_PREFIX.length());
    }
}
