package io.streamnlp.flink.validate;

import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds dead-letter records that keep the original bytes and Kafka coordinates. */
public final class DeadLetters {
    /** Longest message kept: exception messages can be unbounded, and a dead letter must stay small beside its bytes. */
    private static final int MAX_MESSAGE_CHARS = 2_000;

    private DeadLetters() {}

    public static DeadLetter of(RawRecord raw, DeadLetterReason reason, String message) {
        return DeadLetter.newBuilder()
                .setKey(raw.key == null ? null : ByteBuffer.wrap(raw.key))
                .setValue(raw.value == null ? null : ByteBuffer.wrap(raw.value))
                .setTopic(raw.topic)
                .setPartition(raw.partition)
                .setOffset(raw.offset)
                .setReason(reason)
                .setMessage(
                        message == null
                                ? reason.name()
                                : message.length() > MAX_MESSAGE_CHARS
                                        ? message.substring(0, MAX_MESSAGE_CHARS) + "..."
                                        : message)
                .setRecordTimestamp(Instant.ofEpochMilli(raw.timestamp))
                .setFailedAt(Instant.now())
                .build();
    }
}
