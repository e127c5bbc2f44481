package io.streamnlp.training.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Entity-level exact-match precision, recall and F1 (micro-averaged over all chunks), as seqeval reports them. */
public record NerReport(int nSentences, double precision, double recall, double f1) {

    public static NerReport of(List<List<String>> gold, List<List<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold sentences but " + predicted.size() + " predicted");
        }
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate");
        }
        int goldChunks = 0;
        int predictedChunks = 0;
        int correct = 0;
        for (int s = 0; s < gold.size(); s++) {
            if (gold.get(s).size() != predicted.get(s).size()) {
                throw new IllegalArgumentException(
                        "sentence " + s + ": " + gold.get(s).size() + " gold tags but "
                                + predicted.get(s).size() + " predicted");
            }
            Set<EntitySpan> g = new HashSet<>(Chunks.of(gold.get(s)));
            List<EntitySpan> p = Chunks.of(predicted.get(s));
            goldChunks += g.size();
            predictedChunks += p.size();
            for (EntitySpan span : p) {
                if (g.contains(span)) {
                    correct++;
                }
            }
        }
        double precision = predictedChunks == 0 ? 0 : (double) correct / predictedChunks;
        double recall = goldChunks == 0 ? 0 : (double) correct / goldChunks;
        return new NerReport(gold.size(), precision, recall, LabelScores.f1(precision, recall));
    }
}
