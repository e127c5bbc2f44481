package io.streamnlp.flink.sink;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.serde.AvroRecordSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes Avro records to one topic in the Confluent wire format, with a key taken from the record. */
public final class AvroRecordSerializationSchema<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Map<String, String> registryConfig;
    private final SerializableFunction<T, byte[]> key;

    private transient AvroRecordSerializer<T> serializer;

    public AvroRecordSerializationSchema(String topic, Map<String, String> registryConfig, SerializableFunction<T, byte[]> key) {
        this.topic = topic;
        this.registryConfig = registryConfig;
        this.key = key;
    }

    /** Enriched events keyed by the event id, so they land like their input events. */
    public static AvroRecordSerializationSchema<EnrichedEvent> forEnriched(JobConfig config) {
        return new AvroRecordSerializationSchema<>(config.topics().output(), config.registry().clientConfig(),
                e -> e.getEvent().getId().getBytes(StandardCharsets.UTF_8));
    }

    /** Drift reports keyed by model name and task, so one model's reports stay in order. */
    public static AvroRecordSerializationSchema<DriftReport> forDriftReports(JobConfig config) {
        return new AvroRecordSerializationSchema<>(config.topics().drift(), config.registry().clientConfig(),
                r -> (r.getModel().getName() + "/" + r.getTask()).getBytes(StandardCharsets.UTF_8));
    }

    /** Dead letters keyed by the original key bytes. */
    public static AvroRecordSerializationSchema<DeadLetter> forDeadLetters(JobConfig config) {
        return new AvroRecordSerializationSchema<>(config.topics().deadLetters(), config.registry().clientConfig(),
                d -> d.getKey() == null ? null : bytes(d.getKey()));
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        serializer = AvroRecordSerializer.fromConfig(registryConfig, false);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key.apply(element), serializer.serialize(topic, element));
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
