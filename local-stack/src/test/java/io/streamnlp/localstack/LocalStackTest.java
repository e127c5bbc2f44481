package io.streamnlp.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.localstack.junit.LocalStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalStackTest {
    static LocalStack shared;

    @BeforeAll
    static void topics(LocalStack stack) {
        shared = stack;
        stack.kafka().createTopics(2, "ls-it-events");
        stack.kafka().createCompactedTopic("ls-it-compacted", 1);
    }

    @Test
    void injectsTheSameStackEverywhere(LocalStack stack, EmbeddedKafka kafka, ApicurioRegistry registry) {
        assertSame(shared, stack);
        assertSame(stack.kafka(), kafka);
        assertSame(stack.registry(), registry);
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
        assertTrue(
                registry.confluentUrl().matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7"),
                registry.confluentUrl());
        assertTrue(registry.isRunning());
    }

    @Test
    void listensOnTheLoopbackOnly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.supported(), "needs Linux /proc");
        List<java.net.InetSocketAddress> all = ListeningSockets.of(ProcessHandle.current());
        assertTrue(all.size() >= 3, "the broker, its controller and the registry listen: " + all);
        assertEquals(List.of(), ListeningSockets.notLoopback(ProcessHandle.current()), "listeners outside 127.0.0.1");
    }

    @Test
    void transactionalProduceReadCommittedConsume(EmbeddedKafka kafka) {
        Map<String, Object> pc = kafka.clientConfig();
        pc.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ls-it-tx");
        // what the Flink EXACTLY_ONCE sink uses: must be under transaction.max.timeout.ms
        pc.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000);
        try (var p = new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer())) {
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>("ls-it-events", "aborted", "aborted"));
            p.abortTransaction();
            p.beginTransaction();
            for (int i = 0; i < 50; i++) p.send(new ProducerRecord<>("ls-it-events", "k" + i, "v" + i));
            p.commitTransaction();
        }
        Map<String, Object> cc = kafka.clientConfig();
        cc.put(ConsumerConfig.GROUP_ID_CONFIG, "ls-it-group");
        cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (var c = new KafkaConsumer<>(cc, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("ls-it-events"));
            long end = System.currentTimeMillis() + 30_000;
            while (got.size() < 50 && System.currentTimeMillis() < end)
                c.poll(Duration.ofMillis(200)).forEach(got::add);
        }
        assertEquals(50, got.size());
        assertTrue(got.stream().noneMatch(r -> r.key().equals("aborted")));
    }

    @Test
    void compactedTopicIsCompacted(EmbeddedKafka kafka) throws Exception {
        try (var admin = kafka.admin()) {
            var res = new ConfigResource(ConfigResource.Type.TOPIC, "ls-it-compacted");
            var cfg = admin.describeConfigs(Set.of(res)).all().get().get(res);
            assertEquals("compact", cfg.get("cleanup.policy").value());
            assertEquals(
                    2,
                    admin.describeTopics(Set.of("ls-it-events"))
                            .allTopicNames()
                            .get()
                            .get("ls-it-events")
                            .partitions()
                            .size());
        }
    }

    @Test
    void registryAnswers(ApicurioRegistry registry) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(registry.confluentUrl() + "/subjects"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().trim().startsWith("["), r.body());
        HttpResponse<String> h = http.send(
                HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/health/ready"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, h.statusCode());
    }
}
