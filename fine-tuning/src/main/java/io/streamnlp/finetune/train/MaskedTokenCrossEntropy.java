package io.streamnlp.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy over the tokens that carry a label, averaged over those tokens. Sub-words after
 * a word's first, special tokens and padding have mask 0 and add nothing, as Hugging Face's label
 * {@code -100} does.
 *
 * <p>Labels: {@code label ids} int64 {@code [batch, tokens]} (any id where the mask is 0) and
 * {@code mask} float32 {@code [batch, tokens]}. Predictions: logits {@code [batch, tokens, labels]}.
 */
public final class MaskedTokenCrossEntropy extends Loss {

    public MaskedTokenCrossEntropy() {
        super("MaskedTokenCrossEntropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray ids = labels.get(0);
        NDArray mask = labels.get(1);
        int classes = (int) logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray logLikelihood = logits.logSoftmax(-1).mul(ids.oneHot(classes)).sum(new int[] {-1});
        return logLikelihood.mul(mask).sum().neg().div(mask.sum().maximum(1f));
    }
}
