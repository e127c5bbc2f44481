package io.streamnlp.cli.demo;

import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.WireFormatException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every output topic (read_committed) into {@link LiveStats}. */
final class TopicReader implements Runnable, AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
    private final LiveStats stats;
    private final Function<String, String> agentCategory;
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** @param agentCategory the category an agent gave a ticket, by ticket id (null when unknown) */
    TopicReader(
            String bootstrapServers,
            String schemaRegistryUrl,
            LiveStats stats,
            Function<String, String> agentCategory) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "streamnlp-demo-view-" + ProcessHandle.current().pid(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        values.configure(Map.of("schema.registry.url", schemaRegistryUrl), false);
        this.stats = stats;
        this.agentCategory = agentCategory;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(
                DemoTopics.ENRICHED,
                DemoTopics.DEAD_LETTERS,
                DemoTopics.DRIFT,
                DemoTopics.RETRAIN_REQUESTS,
                DemoTopics.MODEL_EVENTS));
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(DemoTopics.DEAD_LETTERS)) {
                        stats.onDeadLetter();
                    } else if (r.topic().equals(DemoTopics.RETRAIN_REQUESTS)) {
                        stats.onRetrainRequest();
                    } else if (r.value() != null) {
                        dispatch(r);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } finally {
            consumer.close();
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r) {
        SpecificRecord value;
        try {
            value = values.deserialize(r.topic(), r.value());
        } catch (WireFormatException e) {
            return;
        }
        if (value instanceof EnrichedEvent e) {
            stats.onEnriched(
                    e,
                    e.getProcessedAt().toEpochMilli()
                            - e.getEvent().getCreatedAt().toEpochMilli(),
                    agentCategory.apply(e.getEvent().getId()));
        } else if (value instanceof DriftReport d) {
            stats.onDrift(d);
        } else if (value instanceof ModelEvent m) {
            stats.onModelEvent(m);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
