package io.streamnlp.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files of a registered version are its bundle and which are the registry's own records
 * about it. A new version built from an old one (retrained, fine-tuned) copies the bundle files
 * only: the records describe the old version and would be wrong, or refused, in the new one.
 */
public final class VersionFiles {

    /** The registry's manifest of the version; its digest is the version's. */
    public static final String MANIFEST = "manifest.json";
    /** The reference drift profile measured when the version was trained. */
    public static final String REFERENCE_PROFILE = "reference-profile.json";
    /** Records of the retraining decisions taken about the version. */
    public static final String RECORDS_DIRECTORY = "retraining";

    private VersionFiles() {}

    /** Whether a '/'-separated path inside a version belongs to its bundle rather than to the registry. */
    public static boolean isBundleFile(String relative) {
        return !relative.equals(MANIFEST)
                && !relative.equals(REFERENCE_PROFILE)
                && !relative.startsWith(RECORDS_DIRECTORY + "/");
    }

    /**
     * Copies the bundle files of a version directory into {@code target}, leaving out the registry's
     * files and {@code skipped} (bundle-relative paths the caller is about to replace).
     */
    public static void copyBundle(Path versionDir, Path target, List<String> skipped) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(versionDir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path source : files) {
            String name = versionDir.relativize(source).toString().replace('\\', '/');
            if (!isBundleFile(name) || skipped.contains(name)) {
                continue;
            }
            Path destination = BundleManifest.resolve(target, name);
            Files.createDirectories(destination.getParent());
            Files.copy(source, destination);
        }
    }
}
