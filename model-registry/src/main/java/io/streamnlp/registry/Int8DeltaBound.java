package io.streamnlp.registry;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Refuses a version whose recorded int8 quality change exceeds a bound: the manifest's metrics named
 * {@code int8_delta.<task>.<metric>} (int8 minus fp32 on the same dev data, a fraction: 0.01 is one point), as the
 * training job records them. A version that records none passes: nothing says that int8 costs it anything.
 *
 * @param maxPoints the largest change allowed in either direction, in points (1.0 = 0.01)
 */
public record Int8DeltaBound(double maxPoints) implements ModelLoadCheck {

    /** Prefix of the manifest metrics that record a version's quality change at int8. */
    public static final String METRIC_PREFIX = "int8_delta.";

    public Int8DeltaBound {
        if (!(maxPoints >= 0) || Double.isInfinite(maxPoints)) {
            throw new IllegalArgumentException(
                    "the int8 delta bound must be a finite number of points >= 0, got " + maxPoints);
        }
    }

    @Override
    public void check(Path versionDir, ModelManifest manifest) {
        checkRecorded(manifest);
    }

    @Override
    public void checkRecorded(ModelManifest manifest) {
        Map<String, Double> over = new TreeMap<>();
        manifest.metrics().forEach((name, delta) -> {
            if (name.startsWith(METRIC_PREFIX) && Math.abs(delta) * 100 > maxPoints) {
                over.put(name.substring(METRIC_PREFIX.length()), delta);
            }
        });
        if (!over.isEmpty()) {
            StringBuilder changes = new StringBuilder();
            over.forEach((metric, delta) -> changes.append(changes.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %+.2f", metric, delta * 100)));
            throw new InvalidModelException(String.format(
                    Locale.ROOT,
                    "%s:%d records an int8 quality change beyond the bound of %.2f points (%s points); this registry"
                            + " refuses it",
                    manifest.name(),
                    manifest.version(),
                    maxPoints,
                    changes));
        }
    }
}
