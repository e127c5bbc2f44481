package io.streamnlp.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * Token classification (NER) the way a bundle's NER head with context window 0 serves it: each token's
 * final state through a linear layer. Output: logits {@code [batch, tokens, labels]}. No neighbouring
 * states are concatenated: a fine-tuned encoder learns the context its attention needs, as BERT's own
 * token classification does.
 */
public final class TokenClassifier extends EncoderWithHead {

    /** The bundle's NER context window for this head. */
    public static final int CONTEXT_WINDOW = 0;

    private TokenClassifier(BertEncoder encoder, List<String> labels, NDArray headWeight, NDArray headBias) {
        super(encoder, labels, headWeight, headBias);
    }

    /** A new head over {@code encoder}: seeded N(0, 0.02²) weights, bias 0. */
    public static TokenClassifier withNewHead(BertEncoder encoder, List<String> labels, long seed, NDManager manager) {
        return withNewHead(TokenClassifier::new, encoder, labels, seed, manager);
    }

    /** The classifier a checkpoint holds, as arrays of {@code manager}. */
    public static TokenClassifier of(ClassifierWeights weights, EncoderConfig config, NDManager manager) {
        return of(TokenClassifier::new, weights, config, manager);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(head(store, encoder().forward(store, inputs, training).singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), labels().size())};
    }
}
