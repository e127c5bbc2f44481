package io.streamnlp.finetune.job;

import io.streamnlp.finetune.export.FineTunedBundleWriter;
import io.streamnlp.finetune.export.HfExportWriter;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import io.streamnlp.finetune.train.FineTuned;
import io.streamnlp.inference.encoder.EncoderFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fine-tuned encoder with its head and the base it was trained from, ready to be written in either
 * form ONNX Runtime serves.
 *
 * @param training the best checkpoint and how training went
 * @param base the built-in encoder's files (graph and tokenizer)
 * @param baseWeights the graph's pretrained weights, replaced by the checkpoint's on export
 * @param maxLength tokens per text the model was trained on
 */
public record FineTunedModel<R>(
        FineTuned<R> training, EncoderFiles base, OnnxEncoderWeights baseWeights, int maxLength) {

    /** A bundle whose encoder is the fine-tuned one, with {@code task} as its classification head. */
    public void writeClassificationBundle(Path dir, String task) throws IOException {
        FineTunedBundleWriter.writeClassification(
                dir, task, training.weights(), baseWeights, base.tokenizer(), maxLength);
    }

    /** A bundle whose encoder is the fine-tuned one, with {@code task} as its NER head. */
    public void writeNerBundle(Path dir, String task) throws IOException {
        FineTunedBundleWriter.writeNer(dir, task, training.weights(), baseWeights, base.tokenizer(), maxLength);
    }

    /**
     * A Hugging Face export directory (encoder and head in one graph) that a bundle embeds as an
     * {@code hf} task next to tasks on its shared encoder.
     */
    public void writeHfExport(Path dir, HfExportWriter.Pooling pooling) throws IOException {
        HfExportWriter.write(
                dir,
                pooling,
                training.weights().encoderValues(),
                training.weights().head(),
                training.weights().labels(),
                baseWeights,
                base.tokenizer());
    }
}
