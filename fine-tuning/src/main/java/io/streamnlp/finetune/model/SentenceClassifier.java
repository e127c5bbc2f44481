package io.streamnlp.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * Sequence classification the way the bundle serves it: the encoder's token states, mean-pooled over
 * the real tokens and L2-normalised, through a linear layer. Output: logits {@code [batch, labels]}
 * (the exported head applies the softmax).
 */
public final class SentenceClassifier extends EncoderWithHead {

    private static final float NORM_FLOOR = 1e-12f;

    private SentenceClassifier(BertEncoder encoder, List<String> labels, NDArray headWeight, NDArray headBias) {
        super(encoder, labels, headWeight, headBias);
    }

    /** A new head over {@code encoder}: seeded N(0, 0.02²) weights, bias 0. */
    public static SentenceClassifier withNewHead(
            BertEncoder encoder, List<String> labels, long seed, NDManager manager) {
        return withNewHead(SentenceClassifier::new, encoder, labels, seed, manager);
    }

    /** The classifier a checkpoint holds, as arrays of {@code manager}. */
    public static SentenceClassifier of(ClassifierWeights weights, EncoderConfig config, NDManager manager) {
        return of(SentenceClassifier::new, weights, config, manager);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(head(store, embed(store, inputs, training), training));
    }

    /** The mean-pooled, L2-normalised sentence embeddings {@code [batch, hidden]}. */
    public NDArray embed(ParameterStore store, NDList inputs, boolean training) {
        NDArray states = encoder().forward(store, inputs, training).singletonOrThrow();
        NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false).expandDims(2);
        NDArray mean = states.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}));
        NDArray norm = mean.pow(2).sum(new int[] {1}, true).sqrt().maximum(NORM_FLOOR);
        return mean.div(norm);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), labels().size())};
    }
}
