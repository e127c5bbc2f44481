package io.streamnlp.flink.source;

import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.serde.AvroRecordDeserializer;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the registry's model events. They only tell the job to look at the registry again, so a
 * record that cannot be read for any reason (bad bytes, a non-Avro or unknown schema id, the
 * schema registry unreachable) is logged, counted in {@code model_events_skipped} and skipped,
 * never thrown; a tombstone of the compacted topic is skipped silently.
 */
public final class ModelEventDeserializationSchema implements KafkaRecordDeserializationSchema<ModelEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelEventDeserializationSchema.class);

    private final Map<String, String> registryConfig;
    private transient AvroRecordDeserializer<ModelEvent> deserializer;
    private transient Counter skipped;

    public ModelEventDeserializationSchema(Map<String, String> registryConfig) {
        this.registryConfig = registryConfig;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        deserializer = AvroRecordDeserializer.fromConfig(registryConfig, ModelEvent.class, false);
        skipped = EnrichmentMetrics.counter(context.getMetricGroup(), "model_events_skipped");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ModelEvent> out) {
        if (record.value() == null) {
            return;
        }
        try {
            out.collect(deserializer.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            skipped.inc();
            LOG.warn(
                    "skipping unreadable model event at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
        }
    }

    @Override
    public TypeInformation<ModelEvent> getProducedType() {
        return new AvroTypeInfo<>(ModelEvent.class);
    }
}
