package io.streamnlp.finetune.export;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.finetune.model.ClassifierWeights;
import io.streamnlp.finetune.model.TokenClassifier;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a fine-tuned model as a normal bundle that ONNX Runtime serves: the base encoder graph with
 * the fine-tuned values in its initializers ({@value #ENCODER}), its tokenizer ({@value #TOKENIZER}),
 * and the head as an ONNX {@code softmax(x W + b)} graph, read by the bundle's classification head
 * (on the sentence embedding) or NER head (on each token's state, context window 0).
 */
public final class FineTunedBundleWriter {

    public static final String ENCODER = "encoder/model.onnx";
    public static final String TOKENIZER = "encoder/tokenizer.json";

    private FineTunedBundleWriter() {}

    /**
     * A bundle with one classification task.
     *
     * @param dir the bundle directory (created if missing)
     * @param task the classification task's name
     * @param base the ONNX encoder the weights were read from
     * @param tokenizer the encoder's tokenizer.json
     * @param maxLength tokens per text the bundle's encoder takes
     */
    public static BundleManifest writeClassification(
            Path dir, String task, ClassifierWeights weights, OnnxEncoderWeights base, Path tokenizer, int maxLength)
            throws IOException {
        String headPath = writeModel(dir, task, weights, base, tokenizer);
        return writeManifest(
                dir,
                new BundleManifest(
                        encoder(maxLength),
                        List.of(ClassificationSpec.head(task, headPath, weights.labels())),
                        null,
                        null));
    }

    /** A bundle with the NER task {@code task}; parameters as for {@link #writeClassification}. */
    public static BundleManifest writeNer(
            Path dir, String task, ClassifierWeights weights, OnnxEncoderWeights base, Path tokenizer, int maxLength)
            throws IOException {
        String headPath = writeModel(dir, task, weights, base, tokenizer);
        return writeManifest(
                dir,
                new BundleManifest(
                        encoder(maxLength),
                        List.of(),
                        NerSpec.head(headPath, weights.labels(), TokenClassifier.CONTEXT_WINDOW),
                        null));
    }

    private static String writeModel(
            Path dir, String task, ClassifierWeights weights, OnnxEncoderWeights base, Path tokenizer)
            throws IOException {
        base.writeWith(weights.encoderValues(), dir.resolve(ENCODER));
        Files.copy(tokenizer, dir.resolve(TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
        String headPath = "heads/" + task + ".onnx";
        HeadGraphWriter.write(weights.head(), dir.resolve(headPath));
        return headPath;
    }

    private static EncoderSpec encoder(int maxLength) {
        return new EncoderSpec(null, ENCODER, TOKENIZER, maxLength);
    }

    private static BundleManifest writeManifest(Path dir, BundleManifest manifest) throws IOException {
        manifest.write(dir);
        manifest.requireFiles(dir);
        return manifest;
    }
}
