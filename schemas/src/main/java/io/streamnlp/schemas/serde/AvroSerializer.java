package io.streamnlp.schemas.serde;

import io.streamnlp.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} for generated Avro records in the Confluent wire format; a thin adapter over
 * {@link AvroRecordSerializer}.
 *
 * <p>By class name in producer properties ({@code value.serializer=io.streamnlp.schemas.serde.AvroSerializer} plus
 * {@code schema.registry.url=...}), Kafka calls {@link #configure}; or construct it with a client and pass the
 * instance to the producer.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private AvroRecordSerializer<T> delegate;

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {}

    /** Ready to use: auto-registration, TopicNameStrategy. */
    public AvroSerializer(SchemaRegistryClient client, boolean isKey) {
        this.delegate = new AvroRecordSerializer<>(client, isKey, true, SubjectNameStrategy.TOPIC_NAME);
    }

    /** Ready to use, with the serde settings of {@code configs} and an existing client. */
    public AvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.delegate = AvroRecordSerializer.fromConfig(client, configs, isKey);
    }

    public AvroSerializer(AvroRecordSerializer<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.delegate = AvroRecordSerializer.fromConfig(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (delegate == null) {
            throw new IllegalStateException(
                    "AvroSerializer is not configured: set schema.registry.url in the producer config");
        }
        return delegate.serialize(topic, data);
    }

    public AvroRecordSerializer<T> delegate() {
        return delegate;
    }

    @Override
    public void close() {
        // the registry client holds nothing to release
    }
}
