package io.streamnlp.moderation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Audit sampling that depends on the event id alone: a replayed record is sampled exactly when it was the first
 * time, which exactly-once output needs. The id's SHA-256, read as a fraction of 2^64, is below the rate.
 */
public final class AuditSampler {
    private AuditSampler() {}

    public static boolean sampled(String eventId, double rate) {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        return unitInterval(eventId) < rate;
    }

    /** The id mapped uniformly onto [0, 1). */
    static double unitInterval(String eventId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(hash).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
