package io.streamnlp.inference.hf;

import java.util.List;

/**
 * The scores of every label for one text.
 *
 * @param ranked all labels, highest score first (ties: lower label id first)
 * @param logits the raw model outputs, indexed by label id
 * @param truncated true when the text was longer than the model accepts and only its beginning was classified
 */
public record SequenceClassification(List<ScoredLabel> ranked, float[] logits, boolean truncated) {

    public SequenceClassification {
        ranked = List.copyOf(ranked);
    }

    public ScoredLabel top() {
        return ranked.get(0);
    }

    /** The {@code k} best labels (all of them when {@code k} exceeds the label count). */
    public List<ScoredLabel> topK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return ranked.subList(0, Math.min(k, ranked.size()));
    }
}
