package io.streamnlp.flink.sink;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.EnrichmentStats;
import io.streamnlp.schemas.serde.AvroRecordSerializer;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Avro records to one topic in the Confluent wire format, with a key taken from the record. With an
 * {@link Oversized} replacement, a record over {@code output.max-record-bytes} is never handed to the producer (which
 * would fail the sink on it again after every restart): its replacement is written instead.
 */
public final class AvroRecordSerializationSchema<T extends SpecificRecord>
        implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AvroRecordSerializationSchema.class);

    /** What to write instead of a record that would take {@code wireSize} bytes, more than the limit allows. */
    @FunctionalInterface
    public interface Oversized<T> extends Serializable {
        T replace(T record, int wireSize);
    }

    private final String topic;
    private final Map<String, String> registryConfig;
    private final SerializableFunction<T, byte[]> key;
    private final OutputLimit limit;
    private final Oversized<T> oversized;

    private transient AvroRecordSerializer<T> serializer;
    private transient Counter replaced;

    public AvroRecordSerializationSchema(
            String topic, Map<String, String> registryConfig, SerializableFunction<T, byte[]> key) {
        this(topic, registryConfig, key, null, null);
    }

    public AvroRecordSerializationSchema(
            String topic,
            Map<String, String> registryConfig,
            SerializableFunction<T, byte[]> key,
            OutputLimit limit,
            Oversized<T> oversized) {
        this.topic = topic;
        this.registryConfig = registryConfig;
        this.key = key;
        this.limit = limit;
        this.oversized = oversized;
    }

    /** The key of an enriched event: its event id, so it lands like its input event. */
    public static byte[] enrichedKey(EnrichedEvent e) {
        return e.getEvent().getId().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Enriched events keyed by the event id. Their size is checked where they are built, which knows the source
     * record an OUTPUT_TOO_LARGE dead letter must keep (see {@code PipelineEnricher}).
     */
    public static AvroRecordSerializationSchema<EnrichedEvent> forEnriched(JobConfig config) {
        return forEnriched(config, config.topics().output());
    }

    /** Enriched events keyed by the event id, to {@code topic} (the moderation topics). */
    public static AvroRecordSerializationSchema<EnrichedEvent> forEnriched(JobConfig config, String topic) {
        return new AvroRecordSerializationSchema<>(
                topic, config.registry().clientConfig(), AvroRecordSerializationSchema::enrichedKey);
    }

    /** Drift reports keyed by model name and task, so one model's reports stay in order. */
    public static AvroRecordSerializationSchema<DriftReport> forDriftReports(JobConfig config) {
        return new AvroRecordSerializationSchema<>(
                config.topics().drift(),
                config.registry().clientConfig(),
                r -> (r.getModel().getName() + "/" + r.getTask()).getBytes(StandardCharsets.UTF_8));
    }

    /** Window aggregates keyed by tenant, so one tenant's windows and revisions stay in order. */
    public static AvroRecordSerializationSchema<EnrichmentStats> forStats(JobConfig config) {
        return new AvroRecordSerializationSchema<>(
                config.stats().topic(),
                config.registry().clientConfig(),
                s -> s.getTenant().getBytes(StandardCharsets.UTF_8));
    }

    /** Dead letters keyed by the original key bytes; one too large to write becomes a capped OUTPUT_TOO_LARGE one. */
    public static AvroRecordSerializationSchema<DeadLetter> forDeadLetters(JobConfig config) {
        OutputLimit limit = new OutputLimit(config.output());
        return new AvroRecordSerializationSchema<>(
                config.topics().deadLetters(),
                config.registry().clientConfig(),
                d -> d.getKey() == null ? null : bytes(d.getKey()),
                limit,
                limit::tooLarge);
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        serializer = AvroRecordSerializer.fromConfig(registryConfig, false);
        replaced = EnrichmentMetrics.counter(context.getMetricGroup(), "oversized_records_replaced");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        byte[] k = key.apply(element);
        byte[] v = serializer.serialize(topic, element);
        if (oversized != null) {
            int size = OutputLimit.wireSize(k, v);
            if (!limit.fits(size)) {
                T replacement = oversized.replace(element, size);
                replaced.inc();
                LOG.warn(
                        "a record for topic {} would take {} bytes, over output.max-record-bytes; writing its replacement",
                        topic,
                        size);
                k = key.apply(replacement);
                v = serializer.serialize(topic, replacement);
            }
        }
        return new ProducerRecord<>(topic, null, timestamp, k, v);
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
