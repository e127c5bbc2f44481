package io.streamnlp.inference.heads;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.runtime.DenseOnnxModel;
import io.streamnlp.inference.runtime.FloatMatrix;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.inference.task.EntityTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Named-entity recognition as an ONNX head on the shared encoder's token states. Each word is
 * labelled by its first sub-word token, whose features are its state and those of its
 * {@code context_window} neighbours on each side ({@link EncodedText#tokenFeatures}). The whole
 * batch runs in one head call. A head may also read the word's surface shape ({@link Orthography}), which
 * the uncased encoder loses. Each sentence's labels are the most probable valid IOB2 sequence
 * ({@link IobViterbi}).
 */
public final class NerHead implements EntityTask {

    private final List<String> labels;
    private final int window;
    private final boolean orthographic;
    private final DenseOnnxModel model;
    private final IobViterbi viterbi;

    private NerHead(List<String> labels, int window, boolean orthographic, DenseOnnxModel model) {
        this.labels = List.copyOf(labels);
        this.window = window;
        this.orthographic = orthographic;
        this.model = model;
        this.viterbi = new IobViterbi(labels);
    }

    /** Width of an input row: the windowed token states, then the word's shape when the head reads it. */
    public static int inputWidth(int stateDim, int window, boolean orthographic) {
        return (2 * window + 1) * stateDim + (orthographic ? Orthography.DIM : 0);
    }

    /**
     * Loads the head of a bundle's ner entry and checks its declared widths.
     *
     * @throws InferenceException if the file cannot be loaded or its shape does not fit
     */
    public static NerHead load(NerSpec spec, Path bundleDir, int stateDim, InferenceOptions options) {
        Path file = BundleManifest.resolve(bundleDir, spec.path());
        DenseOnnxModel model = DenseOnnxModel.load(file, spec.input(), spec.output(), options);
        try {
            HeadShapes.require(
                    model,
                    spec.input(),
                    inputWidth(stateDim, spec.contextWindow(), spec.hasOrthographicFeatures()),
                    "NER head input (token state with " + spec.contextWindow() + " neighbours each side"
                            + (spec.hasOrthographicFeatures() ? " and the word's shape)" : ")"));
            HeadShapes.require(model, spec.output(), spec.labels().size(), "NER head output (one per label)");
            return new NerHead(spec.labels(), spec.contextWindow(), spec.hasOrthographicFeatures(), model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public List<String> entityTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (String l : labels) {
            if (!"O".equals(l)) {
                types.add(l.substring(2));
            }
        }
        return List.copyOf(types);
    }

    public int contextWindow() {
        return window;
    }

    @Override
    public List<List<Entity>> extract(EncodedBatch batch) {
        List<int[]> firstTokens = new ArrayList<>(batch.size());
        int rows = 0;
        for (EncodedText t : batch.texts()) {
            int[] first = firstSubwords(t);
            firstTokens.add(first);
            rows += first.length;
        }
        List<List<Entity>> out = new ArrayList<>(batch.size());
        if (rows == 0) {
            batch.texts().forEach(t -> out.add(List.of()));
            return out;
        }
        FloatMatrix probs = model.apply(features(batch, firstTokens, rows));
        if (probs.cols() != labels.size()) {
            throw new InferenceException("NER head gave " + probs.cols() + " scores for " + labels.size() + " labels");
        }
        int row = 0;
        for (int i = 0; i < batch.size(); i++) {
            EncodedText t = batch.get(i);
            int[] first = firstTokens.get(i);
            float[][] wordProbs = new float[first.length][];
            for (int w = 0; w < first.length; w++) {
                wordProbs[w] = probs.row(row + w);
            }
            int[] path = viterbi.decode(wordProbs);
            List<IobDecoder.WordLabel> words = new ArrayList<>(first.length);
            for (int w = 0; w < first.length; w++) {
                int token = first[w];
                words.add(new IobDecoder.WordLabel(
                        t.tokenStart(token),
                        Orthography.wordEnd(t, token),
                        labels.get(path[w]),
                        wordProbs[w][path[w]]));
            }
            row += first.length;
            out.add(IobDecoder.decode(t.text(), words));
        }
        return out;
    }

    private FloatMatrix features(EncodedBatch batch, List<int[]> firstTokens, int rows) {
        int width = inputWidth(batch.get(0).dim(), window, orthographic);
        float[] x = new float[rows * width];
        int row = 0;
        for (int i = 0; i < batch.size(); i++) {
            EncodedText t = batch.get(i);
            for (int token : firstTokens.get(i)) {
                System.arraycopy(rowFeatures(t, token, window, orthographic), 0, x, row++ * width, width);
            }
        }
        return new FloatMatrix(rows, width, x);
    }

    /** One input row of a NER head: the token's windowed states, then the word's shape if the head reads it. */
    public static float[] rowFeatures(EncodedText t, int token, int window, boolean orthographic) {
        float[] states = t.tokenFeatures(token, window);
        if (!orthographic) {
            return states;
        }
        float[] row = Arrays.copyOf(states, states.length + Orthography.DIM);
        System.arraycopy(Orthography.features(t, token), 0, row, states.length, Orthography.DIM);
        return row;
    }

    private static int[] firstSubwords(EncodedText t) {
        int n = 0;
        int[] tokens = new int[t.tokenCount()];
        for (int i = 0; i < t.tokenCount(); i++) {
            if (t.isFirstSubword(i)) {
                tokens[n++] = i;
            }
        }
        return Arrays.copyOf(tokens, n);
    }

    @Override
    public void close() {
        model.close();
    }
}
