package io.streamnlp.flink.sink;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.flink.validate.DeadLetters;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import java.io.Serializable;
import java.nio.ByteBuffer;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Keeps every record the job writes under {@code output.max-record-bytes}, so that neither the producer
 * ({@code max.request.size}) nor the broker ({@code max.message.bytes}) can refuse it and fail the sink, which would
 * replay the same record into the same failure forever. Sizes are measured as the producer measures them before it
 * refuses a record. A record over the limit is replaced by an {@code OUTPUT_TOO_LARGE} dead letter that keeps the
 * source coordinates (to read the record again) and at most {@code output.dead-letter-bytes-cap} bytes of the
 * original key and value; its message says so.
 */
public final class OutputLimit implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Longest message an OUTPUT_TOO_LARGE dead letter carries; the headroom in JobConfig leaves room for it. */
    private static final int MAX_MESSAGE_CHARS = 2_000;

    private final JobConfig.Output limits;

    public OutputLimit(JobConfig.Output limits) {
        this.limits = limits;
    }

    /** Bytes a record with this key and value takes in a produce request (uncompressed, no headers). */
    public static int wireSize(byte[] key, byte[] value) {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key, value, Record.EMPTY_HEADERS);
    }

    /**
     * The same for a value whose size is known but whose bytes were not built: at most 4 bytes more than exact
     * (the value's length prefix is counted at its widest).
     */
    public static int wireSize(byte[] key, int valueBytes) {
        return wireSize(key, null) + 4 + valueBytes;
    }

    public boolean fits(int wireSize) {
        return wireSize <= limits.maxRecordBytes();
    }

    /** The dead letter that replaces the output of {@code source} ({@code what}: e.g. "the enriched record") of {@code wireSize} bytes. */
    public DeadLetter tooLarge(RawRecord source, String what, int wireSize) {
        return capped(DeadLetters.of(source, DeadLetterReason.OUTPUT_TOO_LARGE, null), what, wireSize, null);
    }

    /** The dead letter that replaces {@code deadLetter}, which would take {@code wireSize} bytes. */
    public DeadLetter tooLarge(DeadLetter deadLetter, int wireSize) {
        String original = deadLetter.getReason() + ": " + deadLetter.getMessage();
        return capped(
                DeadLetter.newBuilder(deadLetter)
                        .setReason(DeadLetterReason.OUTPUT_TOO_LARGE)
                        .build(),
                "the dead letter",
                wireSize,
                original);
    }

    private DeadLetter capped(DeadLetter d, String what, int wireSize, String originalReason) {
        int cap = limits.deadLetterBytesCap();
        ByteBuffer key = d.getKey();
        ByteBuffer value = d.getValue();
        StringBuilder message = new StringBuilder()
                .append(what)
                .append(" would take ")
                .append(wireSize)
                .append(" bytes, more than output.max-record-bytes=")
                .append(limits.maxRecordBytes())
                .append("; ")
                .append(describeCut("key", key, cap))
                .append(", ")
                .append(describeCut("value", value, cap))
                .append(": read the record again from ")
                .append(d.getTopic())
                .append('-')
                .append(d.getPartition())
                .append(" at offset ")
                .append(d.getOffset());
        if (originalReason != null) {
            message.append(". It was refused as ").append(originalReason);
        }
        String text = message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS) + "..."
                : message.toString();
        return DeadLetter.newBuilder(d)
                .setKey(cut(key, cap))
                .setValue(cut(value, cap))
                .setMessage(text)
                .build();
    }

    private static String describeCut(String field, ByteBuffer bytes, int cap) {
        if (bytes == null) {
            return "no original " + field;
        }
        int n = bytes.remaining();
        return n <= cap
                ? "original " + field + " kept whole (" + n + " bytes)"
                : "original " + field + " cut to its first " + cap + " of " + n
                        + " bytes (output.dead-letter-bytes-cap)";
    }

    private static ByteBuffer cut(ByteBuffer bytes, int cap) {
        if (bytes == null || bytes.remaining() <= cap) {
            return bytes;
        }
        ByteBuffer head = bytes.duplicate();
        head.limit(head.position() + cap);
        return head.slice();
    }
}
