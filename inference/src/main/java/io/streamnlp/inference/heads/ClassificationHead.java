package io.streamnlp.inference.heads;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.runtime.DenseOnnxModel;
import io.streamnlp.inference.runtime.FloatMatrix;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.ClassificationTask;
import io.streamnlp.inference.task.LabelScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A classification task as an ONNX head on the shared encoder's sentence embedding. */
public final class ClassificationHead implements ClassificationTask {

    public static final int DEFAULT_TOP_K = 3;

    private final String task;
    private final List<String> labels;
    private final DenseOnnxModel model;
    private final int topK;

    private ClassificationHead(String task, List<String> labels, DenseOnnxModel model, int topK) {
        this.task = task;
        this.labels = List.copyOf(labels);
        this.model = model;
        this.topK = topK;
    }

    /**
     * Loads the head of a bundle entry and checks its declared widths against the encoder and labels.
     *
     * @throws InferenceException if the file cannot be loaded or its shape does not fit
     */
    public static ClassificationHead load(
            ClassificationSpec spec, Path bundleDir, int embeddingDim, int topK, InferenceOptions options) {
        Path file = BundleManifest.resolve(bundleDir, spec.path());
        DenseOnnxModel model = DenseOnnxModel.load(file, spec.input(), spec.output(), options);
        try {
            HeadShapes.require(model, spec.input(), embeddingDim, "classification head '" + spec.task() + "' input");
            HeadShapes.require(
                    model,
                    spec.output(),
                    spec.labels().size(),
                    "classification head '" + spec.task() + "' output (one per label)");
            return new ClassificationHead(
                    spec.task(),
                    spec.labels(),
                    model,
                    Math.max(1, Math.min(topK, spec.labels().size())));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public String task() {
        return task;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<Classification> classify(EncodedBatch batch) {
        if (batch.size() == 0) {
            return List.of();
        }
        int width = batch.get(0).embedding().length;
        float[] x = new float[batch.size() * width];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).embedding(), 0, x, i * width, width);
        }
        FloatMatrix probs = model.apply(new FloatMatrix(batch.size(), width, x));
        if (probs.cols() != labels.size()) {
            throw new InferenceException(
                    "head '" + task + "' gave " + probs.cols() + " scores for " + labels.size() + " labels");
        }
        List<Classification> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(toClassification(probs, i));
        }
        return out;
    }

    private Classification toClassification(FloatMatrix probs, int row) {
        int[] order = TopK.indices(probs, row, topK);
        List<LabelScore> top = new ArrayList<>(order.length);
        for (int c : order) {
            top.add(new LabelScore(labels.get(c), probs.get(row, c)));
        }
        return new Classification(task, top.get(0).label(), top.get(0).score(), top);
    }

    @Override
    public void close() {
        model.close();
    }
}
