package io.streamnlp.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker's SASL/SCRAM listener: known users get through with either mechanism, anyone else is refused. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ScramListenerTest {
    private static final String USER = "streamnlp";
    private static final String PASSWORD = "scram-listener-test-secret";
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startWithScramListener();
        kafka.createScramUser(USER, PASSWORD);
        kafka.createTopics(1, "scram-events");
    }

    @AfterAll
    static void stop() {
        if (kafka != null) kafka.close();
    }

    @Test
    void theScramListenerIsOnTheLoopbackToo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.supported(), "needs Linux /proc");
        int port = Integer.parseInt(kafka.scramBootstrapServers().replaceAll(".*:", ""));
        assertTrue(
                ListeningSockets.of(ProcessHandle.current()).stream()
                        .anyMatch(a -> a.getPort() == port && a.getAddress().isLoopbackAddress()),
                kafka.scramBootstrapServers());
        assertEquals(List.of(), ListeningSockets.notLoopback(ProcessHandle.current()), "listeners outside 127.0.0.1");
    }

    @Test
    void aUserWithCredentialsProducesAndConsumesWithEitherMechanism() throws Exception {
        for (ScramMechanism mechanism : ScramListener.MECHANISMS) {
            Map<String, Object> config = scramClient(ScramListener.clientProperties(mechanism, USER, PASSWORD));
            try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("scram-events", mechanism.mechanismName(), "hello"))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> config =
                scramClient(ScramListener.clientProperties(ScramMechanism.SCRAM_SHA_512, USER, PASSWORD));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "scram-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> keys = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("scram-events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (keys.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        }
        assertEquals(List.of("SCRAM-SHA-256", "SCRAM-SHA-512"), keys);
    }

    @Test
    void aWrongPasswordIsRefused() {
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> clusterId(scramClient(
                        ScramListener.clientProperties(ScramMechanism.SCRAM_SHA_256, USER, "not-the-password"))));
        assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
    }

    @Test
    void aClientWithoutCredentialsGetsNoAnswer() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> clusterId(scramClient(Map.of())));
        assertTrue(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException, e.toString());
    }

    @Test
    void thePlaintextListenerIsUnchanged() throws Exception {
        try (Admin admin = kafka.admin()) {
            assertTrue(!admin.describeCluster()
                    .clusterId()
                    .get(30, TimeUnit.SECONDS)
                    .isBlank());
        }
    }

    private static Map<String, Object> scramClient(Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.scramBootstrapServers());
        return config;
    }

    private static String clusterId(Map<String, Object> config) throws Exception {
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }
}
