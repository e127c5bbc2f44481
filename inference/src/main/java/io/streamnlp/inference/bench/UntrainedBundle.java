package io.streamnlp.inference.bench;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.SharedEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A bundle with the shapes of the default bundle but untrained heads, for measuring cost when no
 * trained bundle is at hand: the category head is a nearest-prototype classifier on one anchor
 * sentence per label, the NER head has seeded random weights. Its predictions are not meaningful.
 */
public final class UntrainedBundle {

    static final List<String> CATEGORIES = List.of("billing", "shipping", "technical", "account");
    static final List<String> ANCHORS = List.of(
            "I was charged twice and want a refund",
            "my parcel has not been delivered yet",
            "the app crashes and the device does not work",
            "I cannot log in to my account");
    static final List<String> NER_LABELS = List.of(
            "O",
            "B-PERSON",
            "I-PERSON",
            "B-PRODUCT",
            "I-PRODUCT",
            "B-LOCATION",
            "I-LOCATION",
            "B-ORDER_ID",
            "I-ORDER_ID");

    private UntrainedBundle() {}

    /** Writes the bundle into {@code dir}: category head, NER head (window 1), extractive summaries. */
    public static Path write(Path dir, SharedEncoder encoder) throws IOException {
        EncodedBatch anchors = encoder.encode(ANCHORS);
        List<float[]> prototypes = new ArrayList<>();
        anchors.texts().forEach(t -> prototypes.add(t.embedding()));
        HeadGraphWriter.write(LinearHead.ofPrototypes(prototypes, 20f), dir.resolve("heads/category.onnx"));
        HeadGraphWriter.write(randomHead(3 * encoder.dim(), NER_LABELS.size(), 7), dir.resolve("heads/ner.onnx"));
        new BundleManifest(
                        EncoderSpec.builtinMiniLm(EncoderSpec.DEFAULT_MAX_LENGTH),
                        List.of(ClassificationSpec.head("category", "heads/category.onnx", CATEGORIES)),
                        NerSpec.head("heads/ner.onnx", NER_LABELS, 1),
                        SummarizationSpec.extractive())
                .write(dir);
        return dir;
    }

    private static LinearHead randomHead(int inputs, int classes, long seed) {
        Random random = new Random(seed);
        float[][] w = new float[inputs][classes];
        for (float[] row : w) {
            for (int c = 0; c < classes; c++) {
                row[c] = (float) (random.nextGaussian() * 0.05);
            }
        }
        float[] bias = new float[classes];
        bias[0] = 2f;
        return new LinearHead(w, bias);
    }
}
