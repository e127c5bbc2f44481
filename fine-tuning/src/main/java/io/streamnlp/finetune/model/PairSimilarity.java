package io.streamnlp.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The cosine similarity of two batches of texts under an encoder, with the pooling of
 * {@link SentenceClassifier} (mean over real tokens, L2-normalised): what SetFit's contrastive step
 * trains. Inputs: the first texts' ids, attention mask and token types, then the second texts'; output
 * {@code [batch]}. The encoder's parameters are shared with the classifier trained after it.
 */
public final class PairSimilarity extends AbstractBlock {

    private static final byte VERSION = 1;

    private final BertEncoder encoder;

    public PairSimilarity(BertEncoder encoder) {
        super(VERSION);
        this.encoder = addChildBlock("encoder", encoder);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray first = SentenceClassifier.embed(encoder, store, inputs.subNDList(0, 3), training);
        NDArray second = SentenceClassifier.embed(encoder, store, inputs.subNDList(3), training);
        return new NDList(first.mul(second).sum(new int[] {1}));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0], inputShapes[1], inputShapes[2]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
