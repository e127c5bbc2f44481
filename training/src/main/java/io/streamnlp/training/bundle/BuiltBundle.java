package io.streamnlp.training.bundle;

import io.streamnlp.drift.ReferenceProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * A bundle directory ready to register, with what the registry stores beside it.
 *
 * @param dir the bundle (bundle.json and heads), nothing else
 * @param metrics dev metrics, named by {@link MetricNames}
 * @param profile the reference drift profile
 * @param fingerprint the training-data fingerprint
 */
public record BuiltBundle(Path dir, Map<String, Double> metrics, ReferenceProfile profile, String fingerprint) {
    public BuiltBundle {
        metrics = Map.copyOf(metrics);
    }
}
