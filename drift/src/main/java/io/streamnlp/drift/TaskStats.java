package io.streamnlp.drift;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** Running statistics of one task's predictions: label counts, confidence moments and entropy sum. */
final class TaskStats implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TreeMap<String, Long> labelCounts = new TreeMap<>();
    private long count;
    private double confidenceSum;
    private double confidenceSquareSum;
    private double entropySum;

    void add(Prediction prediction) {
        labelCounts.merge(prediction.label(), 1L, Long::sum);
        count++;
        confidenceSum += prediction.confidence();
        confidenceSquareSum += prediction.confidence() * prediction.confidence();
        entropySum += prediction.entropy();
    }

    void merge(TaskStats other) {
        other.labelCounts.forEach((label, n) -> labelCounts.merge(label, n, Long::sum));
        count += other.count;
        confidenceSum += other.confidenceSum;
        confidenceSquareSum += other.confidenceSquareSum;
        entropySum += other.entropySum;
    }

    long count() {
        return count;
    }

    Map<String, Long> labelCounts() {
        return new TreeMap<>(labelCounts);
    }

    double meanConfidence() {
        return confidenceSum / count;
    }

    /** Population standard deviation of the top-1 probability. */
    double stdConfidence() {
        double mean = meanConfidence();
        return Math.sqrt(Math.max(0.0, confidenceSquareSum / count - mean * mean));
    }

    double meanEntropy() {
        return entropySum / count;
    }
}
