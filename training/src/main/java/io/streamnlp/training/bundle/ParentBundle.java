package io.streamnlp.training.bundle;

import io.streamnlp.registry.ModelVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a new version of an existing model carries over from its parent (the champion) when one task
 * is trained again, besides its bundle files ({@link io.streamnlp.bundle.VersionFiles}): the metrics of
 * the other tasks.
 */
public final class ParentBundle {

    private ParentBundle() {}

    /** The parent's metrics of every other task, which the new version carries unchanged. */
    public static Map<String, Double> inheritedMetrics(ModelVersion parent, String task) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (parent != null) {
            parent.manifest().metrics().forEach((key, value) -> {
                if (!key.startsWith(task + ".")) {
                    metrics.put(key, value);
                }
            });
        }
        return metrics;
    }
}
