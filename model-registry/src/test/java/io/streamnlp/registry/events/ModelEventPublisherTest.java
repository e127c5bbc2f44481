package io.streamnlp.registry.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.TestModels;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.ModelEventType;
import io.streamnlp.schemas.serde.AvroDeserializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Model events on the real broker, encoded against the real schema registry. */
@ExtendWith(LocalStackExtension.class)
@Timeout(120)
class ModelEventPublisherTest {

    private static final String REGISTRY_URL = "http://registry.example:8085";

    @TempDir
    Path temp;

    @Test
    void everyChangeReachesTheCompactedTopicUnderItsAliasOrVersionKey(LocalStack stack) throws Exception {
        String topic = "model-events-changes";
        stack.kafka().createCompactedTopic(topic, 1);
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1;
        ModelVersion v2;
        try (ModelEventPublisher publisher = ModelEventPublisher.create(clientConfig(stack), topic, REGISTRY_URL)) {
            store.addListener(publisher);
            v1 = store.register(
                    "support",
                    TestModels.bundle(temp.resolve("a"), "a"),
                    RegistrationRequest.builder().build());
            v2 = store.register(
                    "support",
                    TestModels.bundle(temp.resolve("b"), "b"),
                    RegistrationRequest.builder().build());
            store.setAlias("support", "champion", 1);
            store.setAlias("support", "challenger", 2);
            store.setAlias("support", "champion", 2);
            store.removeAlias("support", "challenger");
            store.archive("support", 1);
        }

        List<ConsumerRecord<String, ModelEvent>> records = readAll(stack, topic, 7);
        assertEquals(
                List.of(
                        "support:1",
                        "support:2",
                        "support@champion",
                        "support@challenger",
                        "support@champion",
                        "support@challenger",
                        "support:1"),
                records.stream().map(ConsumerRecord::key).toList());

        ModelEvent registered = records.get(0).value();
        assertEquals(ModelEventType.VERSION_REGISTERED, registered.getType());
        assertEquals(v1.digest(), registered.getDigest());
        assertEquals(List.of("category", "ner", "summarization"), registered.getTasks());
        assertEquals(REGISTRY_URL, registered.getRegistryUrl());
        assertEquals(v1.manifest().createdAt(), registered.getAt());

        ModelEvent promoted = records.get(4).value();
        assertEquals(ModelEventType.ALIAS_SET, promoted.getType());
        assertEquals("2", promoted.getVersion());
        assertEquals("1", promoted.getPreviousVersion());
        assertEquals(v2.digest(), promoted.getDigest());

        ModelEvent removed = records.get(5).value();
        assertEquals(ModelEventType.ALIAS_REMOVED, removed.getType());
        assertEquals(null, removed.getVersion());
        assertEquals("2", removed.getPreviousVersion());

        // what compaction keeps: the last record per key, which is the registry's current state
        Map<String, ModelEvent> compacted = latestPerKey(records);
        assertEquals(Set.of("support:1", "support:2", "support@champion", "support@challenger"), compacted.keySet());
        assertEquals(ModelEventType.VERSION_ARCHIVED, compacted.get("support:1").getType());
        assertEquals("2", compacted.get("support@champion").getVersion());
        assertEquals(
                ModelEventType.ALIAS_REMOVED,
                compacted.get("support@challenger").getType());

        try (Admin admin = stack.kafka().admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());
        }

        String snapshotTopic = "model-events-snapshot";
        stack.kafka().createCompactedTopic(snapshotTopic, 1);
        try (ModelEventPublisher publisher =
                ModelEventPublisher.create(clientConfig(stack), snapshotTopic, REGISTRY_URL)) {
            assertEquals(3, publisher.publishSnapshot(store));
        }
        Map<String, ModelEvent> snapshot = latestPerKey(readAll(stack, snapshotTopic, 3));
        assertEquals(Set.of("support:1", "support:2", "support@champion"), snapshot.keySet());
        for (String key : snapshot.keySet()) {
            assertEquals(compacted.get(key).getType(), snapshot.get(key).getType(), key);
            assertEquals(compacted.get(key).getVersion(), snapshot.get(key).getVersion(), key);
            assertEquals(compacted.get(key).getDigest(), snapshot.get(key).getDigest(), key);
        }
    }

    private static Map<String, Object> clientConfig(LocalStack stack) {
        Map<String, Object> config = stack.kafka().clientConfig();
        config.put("schema.registry.url", stack.schemaRegistryUrl());
        return config;
    }

    private static Map<String, ModelEvent> latestPerKey(List<ConsumerRecord<String, ModelEvent>> records) {
        Map<String, ModelEvent> latest = new TreeMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    private static List<ConsumerRecord<String, ModelEvent>> readAll(LocalStack stack, String topic, int expected) {
        Map<String, Object> config = clientConfig(stack);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        config.put("specific.avro.value.type", ModelEvent.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, ModelEvent>> records = new ArrayList<>();
        try (KafkaConsumer<String, ModelEvent> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertTrue(records.size() >= expected, "expected " + expected + " events, read " + records.size());
        return records;
    }
}
