package io.streamnlp.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. Version digests carry the {@code sha256:} prefix; file digests are bare hex. */
public final class Digests {

    public static final String PREFIX = "sha256:";

    private Digests() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The digest of a version: SHA-256 over its manifest bytes. */
    public static String versionDigest(byte[] manifestBytes) {
        return PREFIX + hex(manifestBytes);
    }

    /**
     * The digest of a bundle directory served outside a registry, in the form of a version digest:
     * SHA-256 over its bundle.json, or over config.json for a Hugging Face export.
     */
    public static String bundleDigest(Path dir) {
        Path manifest = dir.resolve(BundleManifest.FILE_NAME);
        if (!Files.isRegularFile(manifest) && HfExportBundle.isExport(dir)) {
            manifest = dir.resolve(HfExportBundle.CONFIG);
        }
        try {
            return versionDigest(Files.readAllBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    public static FileDigest ofFile(Path file) {
        MessageDigest digest = sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new FileDigest(size, HexFormat.of().formatHex(digest.digest()));
    }
}
