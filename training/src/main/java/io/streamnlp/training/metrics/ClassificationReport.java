package io.streamnlp.training.metrics;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Accuracy, macro-F1 and per-label scores of a classifier. Labels are the union of gold and predicted
 * labels, and macro-F1 is their unweighted mean, as in scikit-learn's {@code f1_score(average="macro")}.
 */
public record ClassificationReport(int n, double accuracy, double macroF1, SortedMap<String, LabelScores> perLabel) {

    public ClassificationReport {
        perLabel = new TreeMap<>(perLabel);
    }

    public static ClassificationReport of(List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predictions");
        }
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate");
        }
        Map<String, int[]> counts = new TreeMap<>(); // label -> {true positives, predicted, support}
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            String g = gold.get(i);
            String p = predicted.get(i);
            counts.computeIfAbsent(g, k -> new int[3])[2]++;
            counts.computeIfAbsent(p, k -> new int[3])[1]++;
            if (g.equals(p)) {
                counts.get(g)[0]++;
                correct++;
            }
        }
        SortedMap<String, LabelScores> perLabel = new TreeMap<>();
        double f1Sum = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            LabelScores s = LabelScores.of(c[0], c[1], c[2]);
            perLabel.put(e.getKey(), s);
            f1Sum += s.f1();
        }
        return new ClassificationReport(gold.size(), (double) correct / gold.size(), f1Sum / perLabel.size(), perLabel);
    }
}
