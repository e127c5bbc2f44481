package io.streamnlp.drift;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Threshold per metric; a window drifts on a metric when its score is strictly above the threshold. A metric
 * without a threshold is reported but never raises the drifted flag. Immutable; see docs/drift.md for why
 * each default is what it is.
 */
public final class DriftThresholds {

    private static final DriftThresholds DEFAULTS = new DriftThresholds(defaultValues());

    private final EnumMap<DriftMetric, Double> values;

    private DriftThresholds(Map<DriftMetric, Double> values) {
        this.values = new EnumMap<>(DriftMetric.class);
        values.forEach((metric, value) -> this.values.put(Objects.requireNonNull(metric), validate(metric, value)));
    }

    public static DriftThresholds defaults() {
        return DEFAULTS;
    }

    /** Only the given thresholds; metrics not named do not raise the flag. */
    public static DriftThresholds of(Map<DriftMetric, Double> values) {
        return new DriftThresholds(values);
    }

    /** Parses a map keyed by wire name (e.g. from configuration or a report's {@code thresholds} field). */
    @JsonCreator
    public static DriftThresholds fromWireNames(Map<String, Double> values) {
        Map<DriftMetric, Double> typed = new EnumMap<>(DriftMetric.class);
        values.forEach((name, value) -> typed.put(DriftMetric.fromWireName(name), value));
        return new DriftThresholds(typed);
    }

    public DriftThresholds with(DriftMetric metric, double threshold) {
        EnumMap<DriftMetric, Double> copy = new EnumMap<>(values);
        copy.put(metric, threshold);
        return new DriftThresholds(copy);
    }

    public DriftThresholds without(DriftMetric metric) {
        EnumMap<DriftMetric, Double> copy = new EnumMap<>(values);
        copy.remove(metric);
        return new DriftThresholds(copy);
    }

    public OptionalDouble threshold(DriftMetric metric) {
        Double value = values.get(metric);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Thresholds in force keyed by wire name, in metric order. */
    @JsonValue
    public Map<String, Double> asWireMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        values.forEach((metric, value) -> map.put(metric.wireName(), value));
        return Collections.unmodifiableMap(map);
    }

    private static double validate(DriftMetric metric, Double value) {
        if (value == null || !Double.isFinite(value) || value < 0.0) {
            throw new IllegalArgumentException(
                    "threshold for " + metric.wireName() + " must be finite and >= 0, got " + value);
        }
        if (metric == DriftMetric.JS_DISTANCE && value > 1.0) {
            throw new IllegalArgumentException("js_distance lies in [0, 1]; threshold " + value + " can never fire");
        }
        return value;
    }

    private static Map<DriftMetric, Double> defaultValues() {
        Map<DriftMetric, Double> defaults = new EnumMap<>(DriftMetric.class);
        defaults.put(DriftMetric.PSI, 0.2);
        defaults.put(DriftMetric.JS_DISTANCE, 0.1);
        defaults.put(DriftMetric.CONFIDENCE_SHIFT, 0.05);
        defaults.put(DriftMetric.ENTROPY_SHIFT, 0.15);
        defaults.put(DriftMetric.EMBEDDING_COSINE_DISTANCE, 0.05);
        defaults.put(DriftMetric.EMBEDDING_MMD, 0.005);
        defaults.put(DriftMetric.LENGTH_PSI, 0.25);
        defaults.put(DriftMetric.UNKNOWN_TOKEN_RATE_SHIFT, 0.02);
        return defaults;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftThresholds other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return asWireMap().toString();
    }
}
