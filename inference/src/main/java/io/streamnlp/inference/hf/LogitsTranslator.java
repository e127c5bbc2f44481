package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/** Runs an encoder-only task model on a padded batch and copies its {@code logits} output. */
final class LogitsTranslator implements NoBatchifyTranslator<EncoderBatch, FloatTensor> {

    static final String LOGITS = "logits";

    private final List<String> inputNames;

    LogitsTranslator(List<String> inputNames) {
        this.inputNames = List.copyOf(inputNames);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, EncoderBatch batch) {
        return batch.toInputs(ctx.getNDManager(), inputNames);
    }

    @Override
    public FloatTensor processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray logits = outputs.get(LOGITS);
        if (logits == null) {
            logits = outputs.get(0);
        }
        return new FloatTensor(logits.getShape().getShape(), logits.toFloatArray());
    }
}
