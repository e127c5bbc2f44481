package io.streamnlp.cli.chaos;

import io.streamnlp.cli.cluster.ProductTopics;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerdeConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads everything the job wrote to enriched-events and dead-letters, from the start to the current end. */
final class OutputScan {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String schemaRegistryUrl;

    OutputScan(String bootstrapServers, String schemaRegistryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    /** Every record under {@code isolation}; under read_committed the end is the last stable offset. */
    List<Output> read(IsolationLevel isolation) {
        List<Output> out = new ArrayList<>();
        out.addAll(read(
                ProductTopics.ENRICHED,
                isolation,
                EnrichedEvent.class,
                e -> new Output(
                        e.getEvent().getId(), version(e), e.getProcessedAt().toEpochMilli())));
        out.addAll(read(
                ProductTopics.DEAD_LETTERS,
                isolation,
                DeadLetter.class,
                d -> new Output(id(d), null, d.getFailedAt().toEpochMilli())));
        return out;
    }

    /**
     * Whether an open transaction already holds enriched records: some partition's high watermark lies
     * beyond its last stable offset. Killing a TaskManager then aborts records the audit can see.
     */
    boolean openTransactionHoldsRecords() {
        Map<TopicPartition, Long> committedEnd = endOffsets(IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> uncommittedEnd = endOffsets(IsolationLevel.READ_UNCOMMITTED);
        return uncommittedEnd.entrySet().stream()
                .anyMatch(e -> e.getValue() > committedEnd.getOrDefault(e.getKey(), 0L));
    }

    private Map<TopicPartition, Long> endOffsets(IsolationLevel isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(isolation), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(partitions(consumer, ProductTopics.ENRICHED), READ_TIMEOUT);
        }
    }

    private Map<String, Object> consumerConfig(IsolationLevel isolation) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return config;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, READ_TIMEOUT)) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        return partitions;
    }

    private <T extends org.apache.avro.specific.SpecificRecord> List<Output> read(
            String topic, IsolationLevel isolation, Class<T> type, java.util.function.Function<T, Output> toOutput) {
        AvroDeserializer<T> values = new AvroDeserializer<>();
        values.configure(
                Map.of("schema.registry.url", schemaRegistryUrl, AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type),
                false);
        List<Output> out = new ArrayList<>();
        try (KafkaConsumer<byte[], T> consumer =
                new KafkaConsumer<>(consumerConfig(isolation), new ByteArrayDeserializer(), values)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, READ_TIMEOUT) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], T> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(toOutput.apply(r.value()));
                }
            }
        }
        return out;
    }

    private static String version(EnrichedEvent e) {
        return e.getClassifications().isEmpty()
                ? ""
                : e.getClassifications().get(0).getModel().getVersion();
    }

    /** The producer keys every event by its id; a dead letter keeps the original key. */
    private static String id(DeadLetter d) {
        ByteBuffer key = d.getKey();
        if (key == null) {
            return "";
        }
        byte[] bytes = new byte[key.remaining()];
        key.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
