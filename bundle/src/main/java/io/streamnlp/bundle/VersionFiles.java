package io.streamnlp.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * The file that records the decision on one retrain request: {@code retraining/request-<first 16 hex of
     * sha256(request id)>.json}. The retrainer writes it into the challenger; the console reads it back to
     * show which request a version came from.
     */
    public static String retrainingRecord(String requestId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return RECORDS_DIRECTORY + "/request-" + HexFormat.of().formatHex(hash, 0, 8) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Whether a '/'-separated path inside a version belongs to its bundle rather than to the registry. */
    public static boolean isBundleFile(String relative) {
        return !relative.equals(MANIFEST) && !relative.equals(REFERENCE_PROFILE) && !isRetrainingRecord(relative);
    }

    /** Whether a '/'-separated path inside a version is one of the registry's retraining records. */
    public static boolean isRetrainingRecord(String relative) {
        return relative.startsWith(RECORDS_DIRECTORY + "/");
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
