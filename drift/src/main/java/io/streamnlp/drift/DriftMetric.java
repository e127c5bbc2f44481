package io.streamnlp.drift;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The metrics a window can drift on. {@link #wireName()} is the name used in thresholds maps, reports and
 * retrain evidence. Each is compared with its threshold as a non-negative score: shifts by absolute value.
 */
public enum DriftMetric {
    /** Population stability index of the predicted-label distribution. */
    PSI("psi"),
    /** Jensen-Shannon distance (base 2) of the predicted-label distribution. */
    JS_DISTANCE("js_distance"),
    /** |mean top-1 probability - reference mean|. */
    CONFIDENCE_SHIFT("confidence_shift"),
    /** |mean prediction entropy - reference mean| in nats. */
    ENTROPY_SHIFT("entropy_shift"),
    /** 1 - cosine similarity of the window's mean embedding and the reference centroid. */
    EMBEDDING_COSINE_DISTANCE("embedding_cosine_distance"),
    /** Unbiased squared MMD, RBF kernel with median-heuristic bandwidth, on bounded samples. */
    EMBEDDING_MMD("embedding_mmd"),
    /** PSI of the input length histogram. */
    LENGTH_PSI("length_psi"),
    /** |unknown-token rate - reference rate|. */
    UNKNOWN_TOKEN_RATE_SHIFT("unknown_token_rate_shift");

    private final String wireName;

    DriftMetric(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static DriftMetric fromWireName(String name) {
        return Arrays.stream(values())
                .filter(m -> m.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown drift metric '" + name + "', expected one of "
                        + Arrays.stream(values()).map(DriftMetric::wireName).toList()));
    }
}
