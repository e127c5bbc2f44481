package io.streamnlp.training.bundle;

import io.streamnlp.registry.ModelManifest;
import io.streamnlp.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a new version of an existing model carries over from its parent (the champion) when one task
 * is trained again: the bundle's files and the metrics of the other tasks.
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

    /** The bundle files of a registered version, without the registry's own manifest and profile. */
    public static void copyArtifacts(Path versionDir, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(versionDir)) {
            for (Path source : files.sorted().toList()) {
                Path relative = versionDir.relativize(source);
                String name = relative.toString();
                if (name.equals(ModelManifest.FILE_NAME) || name.equals(ModelManifest.REFERENCE_PROFILE_FILE)) {
                    continue;
                }
                Path dest = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(source, dest);
                }
            }
        }
    }
}
