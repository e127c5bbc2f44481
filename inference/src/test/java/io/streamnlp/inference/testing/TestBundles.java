package io.streamnlp.inference.testing;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.encoder.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds small bundles whose heads are derived from the encoder itself, so that their predictions
 * are known without training: the intent head's weights are the embeddings of two anchor sentences
 * and the NER head's weights are token states of anchor words.
 */
public final class TestBundles {

    public static final List<String> INTENTS = List.of("refund", "bug");
    public static final List<String> NER_LABELS = List.of("O", "B-PRODUCT", "I-PRODUCT");

    private static final float SCALE = 20f;
    private static final float PRODUCT_MARGIN = 0.15f;

    private TestBundles() {}

    /** A bundle with an intent head, a PRODUCT NER head (window 1) and an extractive summarizer. */
    public static Path write(Path dir, SharedEncoder encoder) throws IOException {
        HeadGraphWriter.write(intentHead(encoder), dir.resolve("heads/intent.onnx"));
        HeadGraphWriter.write(productHead(encoder), dir.resolve("heads/ner.onnx"));
        new BundleManifest(
                        EncoderSpec.builtinMiniLm(EncoderSpec.DEFAULT_MAX_LENGTH),
                        List.of(ClassificationSpec.head("intent", "heads/intent.onnx", INTENTS)),
                        NerSpec.head("heads/ner.onnx", NER_LABELS, 1),
                        SummarizationSpec.extractive(2, 200, 0.7))
                .write(dir);
        return dir;
    }

    /** Nearest of the anchors "I want a refund of my money" and "the app crashes when I open it". */
    public static LinearHead intentHead(SharedEncoder encoder) {
        var b = encoder.encode(List.of("I want a refund of my money", "the app crashes when I open it"));
        return LinearHead.ofPrototypes(List.of(b.get(0).embedding(), b.get(1).embedding()), 20f);
    }

    /**
     * A token classifier on the centre token of a window-1 feature row: O is the mean state of
     * ordinary words, B-PRODUCT the state of "iphone" and I-PRODUCT that of "pro" in "iphone pro";
     * a product label needs a cosine similarity {@value #PRODUCT_MARGIN} above that of O.
     */
    public static LinearHead productHead(SharedEncoder encoder) {
        var b = encoder.encode(
                List.of("my new iphone pro is broken", "the screen of my phone is cracked and it does not work"));
        EncodedText products = b.get(0);
        EncodedText ordinary = b.get(1);
        float[] other = new float[encoder.dim()];
        for (int t = 1; t < ordinary.tokenCount() - 1; t++) {
            float[] s = ordinary.tokenState(t);
            for (int d = 0; d < s.length; d++) {
                other[d] += s[d];
            }
        }
        List<float[]> centre = List.of(
                Vectors.normalize(other),
                Vectors.normalize(products.tokenState(tokenOf(products, "iphone"))),
                Vectors.normalize(products.tokenState(tokenOf(products, "pro"))));
        int dim = encoder.dim();
        // token states are not unit length; dividing by a typical norm keeps the margin in cosine units
        float centreNorm = (float) Math.sqrt(Vectors.dot(products.tokenState(1), products.tokenState(1)));
        float[][] w = new float[3 * dim][centre.size()];
        for (int c = 0; c < centre.size(); c++) {
            for (int d = 0; d < dim; d++) {
                w[dim + d][c] = SCALE * centre.get(c)[d] / centreNorm;
            }
        }
        float[] bias = {PRODUCT_MARGIN * SCALE, 0f, 0f};
        return new LinearHead(w, bias);
    }

    private static int tokenOf(EncodedText t, String word) {
        for (int i = 0; i < t.tokenCount(); i++) {
            if (!t.isSpecial(i)
                    && t.text().substring(t.tokenStart(i), t.tokenEnd(i)).equals(word)) {
                return i;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a token of '" + t.text() + "'");
    }
}
