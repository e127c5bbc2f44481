package io.streamnlp.flink;

import io.streamnlp.localstack.LocalStack;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerdeConfig;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing to and reading from the local stack's broker, through the real registry. */
final class KafkaTopics {
    private final LocalStack stack;

    KafkaTopics(LocalStack stack) {
        this.stack = stack;
    }

    /**
     * A job on this stack whose topics are all prefixed with {@code name} ({@code name-in},
     * {@code name-out}, {@code name-dlq}, {@code name-drift}, {@code name-stats}, {@code name-models}), checkpointing
     * often so that tests see committed output quickly.
     */
    Map<String, String> jobConfig(String name, java.nio.file.Path registryDir) {
        Map<String, String> m = new HashMap<>();
        m.put("job.name", name);
        m.put("kafka.bootstrap.servers", stack.bootstrapServers());
        m.put("kafka.group.id", name);
        m.put("registry.url", stack.schemaRegistryUrl());
        m.put("topics.input", name + "-in");
        m.put("topics.output", name + "-out");
        m.put("topics.dead-letters", name + "-dlq");
        m.put("topics.drift", name + "-drift");
        m.put("topics.stats", name + "-stats");
        m.put("topics.model-events", name + "-models");
        m.put("model.registry.dir", registryDir.toString());
        m.put("checkpoint.interval-ms", "300");
        m.put("batch.max-delay-ms", "20");
        m.put("inference.intra-op-threads", "1");
        return m;
    }

    Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", stack.schemaRegistryUrl());
    }

    static TextEvent event(String id, String text) {
        return TextEvent.newBuilder()
                .setId(id)
                .setTenant("acme")
                .setSource("email")
                .setText(text)
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setAttributes(Map.of("channel", "test"))
                .build();
    }

    /** Wire-format bytes of an event, as a producer with the Confluent serializer would write them. */
    byte[] encode(String topic, TextEvent event) {
        try (AvroSerializer<TextEvent> s = new AvroSerializer<>()) {
            s.configure(serdeConfig(), false);
            return s.serialize(topic, event);
        }
    }

    /** Writes raw key/value pairs (valid or not) in one committed transaction-free batch. */
    void produceRaw(String topic, List<byte[][]> keyValues) {
        Map<String, Object> cfg = new HashMap<>(stack.kafka().clientConfig());
        cfg.put("max.request.size", 8 * 1024 * 1024);
        cfg.put("enable.idempotence", true);
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[][] kv : keyValues) {
                p.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            }
            p.flush();
        }
    }

    void produce(String topic, List<TextEvent> events) {
        List<byte[][]> kvs = new ArrayList<>();
        for (TextEvent e : events) {
            kvs.add(new byte[][] {e.getId().getBytes(java.nio.charset.StandardCharsets.UTF_8), encode(topic, e)});
        }
        produceRaw(topic, kvs);
    }

    /** Reads {@code expected} committed records (read_committed), waiting at most {@code timeout}; then checks nothing more arrives briefly. */
    <T extends SpecificRecord> List<ConsumerRecord<byte[], T>> read(
            String topic, Class<T> type, int expected, Duration timeout) {
        return readUntil(topic, type, records -> records.size() >= expected, timeout);
    }

    /**
     * Reads committed records (read_committed) until those read so far satisfy {@code done}, waiting at most
     * {@code timeout}; then polls briefly more, so that duplicates or later records would be seen.
     */
    <T extends SpecificRecord> List<ConsumerRecord<byte[], T>> readUntil(
            String topic, Class<T> type, Predicate<List<ConsumerRecord<byte[], T>>> done, Duration timeout) {
        Map<String, Object> cfg = new HashMap<>(stack.kafka().clientConfig());
        cfg.put("group.id", "reader-" + topic + "-" + System.nanoTime());
        cfg.put("auto.offset.reset", "earliest");
        cfg.put("isolation.level", "read_committed");
        cfg.put("enable.auto.commit", false);
        Map<String, Object> serde = new HashMap<>(serdeConfig());
        serde.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type);
        AvroDeserializer<T> values = new AvroDeserializer<>();
        values.configure(serde, false);
        List<ConsumerRecord<byte[], T>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], T> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), values)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // a short extra poll so duplicates beyond the expected count would be seen
            long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < settle) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
