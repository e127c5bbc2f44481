package io.streamnlp.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamnlp.cli.StreamNlp;
import io.streamnlp.flink.EnrichmentJob;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.localstack.EmbeddedKafka;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.ScramListener;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.retrainer.RetrainerApp;
import io.streamnlp.retrainer.RetrainerConfig;
import io.streamnlp.retrainer.job.RetrainingOutcome;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerializer;
import io.streamnlp.training.bundle.DefaultBundle;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enrichment job, the retrainer and the model registry's event publisher against a broker that
 * only lets SCRAM users in, all three configured from one credentials file in the deployment's keys
 * ({@code kafka.bootstrap.servers}, {@code kafka.properties.*}, {@code registry.url}) as compose and Helm
 * render it: events are enriched, a `registry alias` model event swaps the job's model, a retrain request
 * is consumed and decided, and a client without valid credentials is refused. The schema registry is the
 * local stack's Apicurio; the broker is one of its own with a SASL/SCRAM listener.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SaslScramEndToEndTest {
    private static final String USER = "streamnlp";
    private static final String PASSWORD = "sasl-scram-end-to-end-secret";
    private static final String IN = "sasl-text-events";
    private static final String OUT = "sasl-enriched-events";
    private static final String MODEL_EVENTS = "sasl-model-events";
    private static final String REQUESTS = "sasl-retrain-requests";
    private static final Duration WAIT = Duration.ofMinutes(3);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startWithScramListener();
        kafka.createScramUser(USER, PASSWORD);
        kafka.createTopics(
                1,
                IN,
                OUT,
                "sasl-dead-letters",
                "sasl-drift-metrics",
                "sasl-feedback",
                REQUESTS,
                "sasl-trigger-dead-letters");
        kafka.createCompactedTopic(MODEL_EVENTS, 1);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theJobTheRetrainerAndTheEventPublisherWorkOverSaslScram(LocalStack stack, @TempDir Path home)
            throws Exception {
        Path credentials = home.resolve("kafka.properties");
        Properties settings = new Properties();
        settings.setProperty("kafka.bootstrap.servers", kafka.scramBootstrapServers());
        ScramListener.clientProperties(ScramMechanism.SCRAM_SHA_512, USER, PASSWORD)
                .forEach((key, value) -> settings.setProperty("kafka.properties." + key, value));
        settings.setProperty("registry.url", stack.schemaRegistryUrl());
        try (Writer out = Files.newBufferedWriter(credentials)) {
            settings.store(out, null);
        }
        Path registry = home.resolve("registry");
        ModelStore store = ModelStore.open(registry);
        ModelVersion v1 = DefaultBundle.ensure(store);
        ModelVersion v2 = store.register(
                DefaultBundle.MODEL,
                artifactsOf(store.directory(v1), home.resolve("copy")),
                RegistrationRequest.builder().parentVersion(v1.version()).build());

        JobClient job = EnrichmentJob.start(
                StreamExecutionEnvironment.createLocalEnvironment(), JobConfig.of(jobConfig(settings, registry)));
        BlockingQueue<RetrainingOutcome> outcomes = new LinkedBlockingQueue<>();
        RetrainerApp retrainer = RetrainerApp.start(
                RetrainerConfig.fromArgs(
                        "--config",
                        credentials.toString(),
                        "--model.registry.dir",
                        registry.toString(),
                        "--topics.feedback",
                        "sasl-feedback",
                        "--topics.retrain-requests",
                        REQUESTS,
                        "--topics.model-events",
                        MODEL_EVENTS,
                        "--topics.drift-metrics",
                        "sasl-drift-metrics",
                        "--topics.trigger-dead-letters",
                        "sasl-trigger-dead-letters",
                        "--trigger.application-id",
                        "sasl-trigger",
                        "--trigger.state-dir",
                        home.resolve("streams").toString(),
                        "--retrain.group-id",
                        "sasl-retrainer"),
                outcomes::add);
        try (KafkaProducer<String, SpecificRecord> producer = producer(stack);
                KafkaConsumer<String, EnrichedEvent> enriched = enrichedConsumer(stack)) {
            enriched.subscribe(List.of(OUT));
            int sent = 0;
            producer.send(new ProducerRecord<>(IN, "e-" + sent, event("e-" + sent++)));
            assertEquals(
                    Integer.toString(v1.version()),
                    nextVersion(enriched, WAIT),
                    "the first event, enriched by v1; the job is "
                            + job.getJobStatus().get(30, TimeUnit.SECONDS));

            assertEquals(
                    0,
                    StreamNlp.commandLine()
                            .execute(
                                    "registry",
                                    "alias",
                                    DefaultBundle.MODEL,
                                    "champion",
                                    Integer.toString(v2.version()),
                                    "--registry",
                                    registry.toString(),
                                    "--kafka-config",
                                    credentials.toString(),
                                    "--events-topic",
                                    MODEL_EVENTS));
            String served = "";
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!served.equals(Integer.toString(v2.version())) && System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(IN, "e-" + sent, event("e-" + sent++)));
                served = nextVersion(enriched, Duration.ofSeconds(5));
            }
            assertEquals(Integer.toString(v2.version()), served, "the job follows the alias event sent over SASL");

            producer.send(new ProducerRecord<>(
                    REQUESTS,
                    "no-such-model",
                    RetrainRequest.newBuilder()
                            .setRequestId("sasl-request-1")
                            .setModelName("no-such-model")
                            .setModelVersion("1")
                            .setTask("category")
                            .setReason("test")
                            .setEvidence(List.of())
                            .setFeedbackCount(0)
                            .setRequestedAt(Instant.parse("2026-01-01T00:00:00Z"))
                            .build()));
            RetrainingOutcome outcome = outcomes.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(outcome, "the retrainer consumed no request; stats " + retrainer.stats());
            assertEquals("sasl-request-1", outcome.requestId());
            assertEquals(RetrainingOutcome.Status.REJECTED, outcome.status());
            assertEquals(KafkaStreams.State.RUNNING, awaitRunning(retrainer), "the trigger's Streams client");
        } finally {
            retrainer.close();
            job.cancel().get(30, TimeUnit.SECONDS);
        }

        Map<String, Object> intruder =
                new HashMap<>(ScramListener.clientProperties(ScramMechanism.SCRAM_SHA_512, "intruder", PASSWORD));
        intruder.put("bootstrap.servers", kafka.scramBootstrapServers());
        intruder.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        intruder.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(intruder)) {
            ExecutionException refused = assertThrows(
                    ExecutionException.class, () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause(), refused.toString());
        }
    }

    private static Map<String, String> jobConfig(Properties credentials, Path registry) {
        Map<String, String> m = new HashMap<>();
        credentials.stringPropertyNames().forEach(key -> m.put(key, credentials.getProperty(key)));
        m.put("job.name", "sasl-enrichment");
        m.put("kafka.group.id", "sasl-enrichment");
        m.put("topics.input", IN);
        m.put("topics.output", OUT);
        m.put("topics.dead-letters", "sasl-dead-letters");
        m.put("topics.drift", "sasl-drift-metrics");
        m.put("topics.model-events", MODEL_EVENTS);
        m.put("model.registry.dir", registry.toString());
        m.put("model.ref", DefaultBundle.MODEL + "@champion");
        m.put("checkpoint.interval-ms", "300");
        m.put("batch.max-delay-ms", "20");
        m.put("parallelism", "1");
        m.put("inference.intra-op-threads", "1");
        return m;
    }

    private static TextEvent event(String id) {
        return TextEvent.newBuilder()
                .setId(id)
                .setTenant("acme")
                .setSource("email")
                .setText("My parcel is late, please check the delivery of order " + id + ".")
                .setCreatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setAttributes(Map.of())
                .build();
    }

    /** The model version of the newest enriched record of the next poll that brings any, or "" after {@code timeout}. */
    private static String nextVersion(KafkaConsumer<String, EnrichedEvent> consumer, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<EnrichedEvent> got = new ArrayList<>();
        while (got.isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> got.add(r.value()));
        }
        return got.isEmpty()
                ? ""
                : got.get(got.size() - 1).getClassifications().get(0).getModel().getVersion();
    }

    private static KafkaStreams.State awaitRunning(RetrainerApp retrainer) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (retrainer.triggerState() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return retrainer.triggerState();
    }

    /** A registered version's files without the registry's manifest: the artifacts of a new version. */
    private static Path artifactsOf(Path version, Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(version)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(version.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("manifest.json")) {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    private static Map<String, Object> saslClient(LocalStack stack) {
        Map<String, Object> config =
                new HashMap<>(ScramListener.clientProperties(ScramMechanism.SCRAM_SHA_256, USER, PASSWORD));
        config.put("bootstrap.servers", kafka.scramBootstrapServers());
        config.put("schema.registry.url", stack.schemaRegistryUrl());
        return config;
    }

    private static KafkaProducer<String, SpecificRecord> producer(LocalStack stack) {
        Map<String, Object> config = saslClient(stack);
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    private static KafkaConsumer<String, EnrichedEvent> enrichedConsumer(LocalStack stack) {
        Map<String, Object> config = saslClient(stack);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "sasl-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<EnrichedEvent> values = new AvroDeserializer<>(EnrichedEvent.class);
        values.configure(config, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), values);
    }
}
