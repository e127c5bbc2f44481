package io.streamnlp.schemas.serde;

import io.streamnlp.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} for Confluent wire-format Avro into generated records; a thin adapter over
 * {@link AvroRecordDeserializer}. A null value (tombstone) gives null; other bad input throws
 * {@link WireFormatException} (Kafka's consumer wraps it in a {@code RecordDeserializationException}).
 *
 * <p>By class name in consumer properties, with {@code schema.registry.url} and optionally
 * {@code specific.avro.value.type=io.streamnlp.schemas.avro.TextEvent}; or construct it with a client and type.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private AvroRecordDeserializer<T> delegate;

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroDeserializer() {
        this.type = null;
    }

    /** Type fixed, registry from {@link #configure}. */
    public AvroDeserializer(Class<T> type) {
        this.type = type;
    }

    /** Ready to use. */
    public AvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.type = type;
        this.delegate = new AvroRecordDeserializer<>(client, type);
    }

    public AvroDeserializer(AvroRecordDeserializer<T> delegate) {
        this.type = delegate.type();
        this.delegate = delegate;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.delegate = AvroRecordDeserializer.fromConfig(configs, type, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (delegate == null) {
            throw new IllegalStateException(
                    "AvroDeserializer is not configured: set schema.registry.url in the consumer config");
        }
        if (data == null) return null;
        return delegate.deserialize(topic, data);
    }

    public AvroRecordDeserializer<T> delegate() {
        return delegate;
    }

    @Override
    public void close() {
        // the registry client holds nothing to release
    }
}
