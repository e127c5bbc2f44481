package io.streamnlp.schemas.serde;

import io.streamnlp.schemas.avro.DeadLetterReason;

/**
 * The bytes of a record are not a valid Confluent wire-format Avro payload for its schema: the record itself is bad
 * and belongs on the dead-letters topic. {@link #reason()} is the dead-letter reason code, so callers can route
 * without parsing messages:
 * <ul>
 *   <li>{@link DeadLetterReason#MISSING_VALUE}: null or empty bytes</li>
 *   <li>{@link DeadLetterReason#BAD_MAGIC_BYTE}: the first byte is not 0</li>
 *   <li>{@link DeadLetterReason#TRUNCATED_PAYLOAD}: shorter than the 5-byte header, or the Avro body ends early</li>
 *   <li>{@link DeadLetterReason#UNKNOWN_SCHEMA}: the registry has no schema with the id in the header</li>
 *   <li>{@link DeadLetterReason#DESERIALIZATION_FAILED}: the body does not decode with the writer schema, cannot be
 *       resolved to the reader schema, or has trailing bytes</li>
 * </ul>
 * Registry outages are NOT reported this way: they throw
 * {@link io.streamnlp.schemas.registry.RegistryUnavailableException} (retry or fail, never dead-letter).
 */
public class WireFormatException extends AvroSerdeException {
    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;
    private final String topic;
    private final int schemaId;

    public WireFormatException(DeadLetterReason reason, String topic, int schemaId, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.topic = topic;
        this.schemaId = schemaId;
    }

    public WireFormatException(DeadLetterReason reason, String topic, int schemaId, String message) {
        this(reason, topic, schemaId, message, null);
    }

    /** The dead-letter reason code. */
    public DeadLetterReason reason() {
        return reason;
    }

    /** The topic the bytes came from, or null when not known. */
    public String topic() {
        return topic;
    }

    /** The schema id read from the header, or -1 when the header could not be read. */
    public int schemaId() {
        return schemaId;
    }
}
