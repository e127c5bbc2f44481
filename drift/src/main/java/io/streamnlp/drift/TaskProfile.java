package io.streamnlp.drift;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Reference statistics of one classification task's predictions. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskProfile(
        long count, Map<String, Long> labelCounts, double meanConfidence, double stdConfidence, double meanEntropy) {

    public TaskProfile {
        Objects.requireNonNull(labelCounts, "labelCounts");
        labelCounts = Collections.unmodifiableMap(new TreeMap<>(labelCounts));
        if (count <= 0) {
            throw new IllegalArgumentException("a task profile needs at least one prediction, got " + count);
        }
        long sum = labelCounts.values().stream().mapToLong(Long::longValue).sum();
        if (sum != count || labelCounts.values().stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("label counts must be >= 0 and sum to count " + count + ", got " + sum);
        }
        requireFiniteNonNegative("meanConfidence", meanConfidence);
        requireFiniteNonNegative("stdConfidence", stdConfidence);
        requireFiniteNonNegative("meanEntropy", meanEntropy);
    }

    /** Share of each predicted label. */
    public Map<String, Double> labelDistribution() {
        Map<String, Double> shares = new TreeMap<>();
        labelCounts.forEach((label, n) -> shares.put(label, (double) n / count));
        return shares;
    }

    static void requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
