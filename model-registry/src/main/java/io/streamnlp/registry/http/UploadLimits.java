package io.streamnlp.registry.http;

/**
 * Bounds on what an uploaded archive may cost: its own size, the bytes it unpacks to, and its
 * number of entries (an archive of many tiny or highly compressed entries is as dangerous as a big one).
 */
public record UploadLimits(long maxArchiveBytes, long maxUnpackedBytes, int maxEntries) {

    public static final UploadLimits DEFAULT = new UploadLimits(512L << 20, 2L << 30, 10_000);

    public UploadLimits {
        if (maxArchiveBytes < 1 || maxUnpackedBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException(
                    "upload limits must be positive: " + maxArchiveBytes + ", " + maxUnpackedBytes + ", " + maxEntries);
        }
    }
}
