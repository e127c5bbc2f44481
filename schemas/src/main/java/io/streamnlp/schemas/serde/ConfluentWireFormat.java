package io.streamnlp.schemas.serde;

import io.streamnlp.schemas.avro.DeadLetterReason;
import java.util.Arrays;

/**
 * The Confluent Schema Registry wire format: {@code [0x00][schema id: 4 bytes, big-endian][Avro binary body]}.
 * Pure functions, no registry.
 */
public final class ConfluentWireFormat {
    /** The first byte of every framed record. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    /** The 5-byte header for {@code schemaId}. */
    public static byte[] header(int schemaId) {
        byte[] h = new byte[HEADER_SIZE];
        writeHeader(h, schemaId);
        return h;
    }

    /** Writes the header into {@code target[0..5)}. */
    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** Header followed by {@code avroBody}. */
    public static byte[] frame(int schemaId, byte[] avroBody) {
        byte[] out = new byte[HEADER_SIZE + avroBody.length];
        writeHeader(out, schemaId);
        System.arraycopy(avroBody, 0, out, HEADER_SIZE, avroBody.length);
        return out;
    }

    /**
     * Validates the header and returns the schema id.
     *
     * @param topic for the exception message only; may be null
     * @throws WireFormatException MISSING_VALUE (null/empty), BAD_MAGIC_BYTE, TRUNCATED_PAYLOAD (under 5 bytes)
     */
    public static int schemaId(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            throw new WireFormatException(
                    DeadLetterReason.MISSING_VALUE,
                    topic,
                    -1,
                    "Record" + on(topic) + " has no value (" + (data == null ? "null" : "0 bytes")
                            + "); expected a Confluent wire-format Avro payload");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new WireFormatException(
                    DeadLetterReason.BAD_MAGIC_BYTE,
                    topic,
                    -1,
                    "Record" + on(topic) + " starts with byte 0x" + String.format("%02x", data[0] & 0xff)
                            + ", not the Confluent magic byte 0x00: it was not written by a schema-registry Avro serializer"
                            + " (first bytes: " + hex(data, 16) + ")");
        }
        if (data.length < HEADER_SIZE) {
            throw new WireFormatException(
                    DeadLetterReason.TRUNCATED_PAYLOAD,
                    topic,
                    -1,
                    "Record" + on(topic) + " has " + data.length
                            + " byte(s), fewer than the 5-byte wire-format header");
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }

    /** {@link #schemaId(String, byte[])} without a topic. */
    public static int schemaId(byte[] data) {
        return schemaId(null, data);
    }

    /** True when {@code data} has a complete header with the magic byte. */
    public static boolean hasHeader(byte[] data) {
        return data != null && data.length >= HEADER_SIZE && data[0] == MAGIC_BYTE;
    }

    /** A copy of the Avro body (after the header); validates the header first. */
    public static byte[] body(byte[] data) {
        schemaId(null, data);
        return Arrays.copyOfRange(data, HEADER_SIZE, data.length);
    }

    static String on(String topic) {
        return topic == null ? "" : " on topic '" + topic + "'";
    }

    static String hex(byte[] data, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, data.length); i++) sb.append(String.format("%02x", data[i] & 0xff));
        if (data.length > max) sb.append("...");
        return sb.toString();
    }
}
