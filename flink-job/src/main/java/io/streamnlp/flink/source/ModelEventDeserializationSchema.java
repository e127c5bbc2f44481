package io.streamnlp.flink.source;

import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.serde.AvroRecordDeserializer;
import io.streamnlp.schemas.serde.WireFormatException;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the registry's model events. They only tell the job to look at the registry again, so a
 * record that cannot be decoded is logged and skipped (a tombstone of the compacted topic too).
 */
public final class ModelEventDeserializationSchema implements KafkaRecordDeserializationSchema<ModelEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelEventDeserializationSchema.class);

    private final Map<String, String> registryConfig;
    private transient AvroRecordDeserializer<ModelEvent> deserializer;

    public ModelEventDeserializationSchema(Map<String, String> registryConfig) {
        this.registryConfig = registryConfig;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        deserializer = AvroRecordDeserializer.fromConfig(registryConfig, ModelEvent.class, false);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ModelEvent> out) {
        if (record.value() == null) {
            return;
        }
        try {
            out.collect(deserializer.deserialize(record.topic(), record.value()));
        } catch (WireFormatException e) {
            LOG.warn("skipping undecodable model event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<ModelEvent> getProducedType() {
        return new AvroTypeInfo<>(ModelEvent.class);
    }
}
