package io.streamnlp.retrainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.TaskKind;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelFormat;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.events.ModelEventPublisher;
import io.streamnlp.registry.http.RegistryHttpServer;
import io.streamnlp.registry.http.RegistryServerConfig;
import io.streamnlp.registry.http.RemoteModelRegistry;
import io.streamnlp.retrainer.job.RetrainingOutcome.Status;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.ModelEventType;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerializer;
import io.streamnlp.training.bundle.DefaultBundle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retraining job on the real broker and schema registry, with a registry holding the default
 * bundle. Feedback (an undecodable record among it) brings a category the champion has never seen
 * ({@code warranty}); the first request must produce a challenger that knows it, beats the champion
 * on held-out feedback and becomes champion (with its model event on the topic). A second request over the same feedback
 * trains the same head again, which cannot win by the margin: it stays a challenger. Redelivered
 * requests are not trained again, whether their decision was applied or interrupted, a redelivery never
 * undoes an operator's rollback, and a job on the registry's HTTP API sees the same. The tests run in order on one registry, as the bundle is built
 * once per class and each step builds on the versions the previous one registered.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RetrainingJobTest {

    private static final String PREFIX = "retraining-job-test-";
    private static final String REQUESTS = PREFIX + "retrain-requests";
    private static final String REMOTE_REQUESTS = PREFIX + "remote-retrain-requests";
    private static final String FINE_TUNE_REQUESTS = PREFIX + "fine-tune-retrain-requests";
    private static final String OUTAGE_REQUESTS = PREFIX + "outage-retrain-requests";
    private static final String FEEDBACK = PREFIX + "feedback";
    private static final String EVENTS = PREFIX + "model-events";
    private static final String NEW_CATEGORY = NewCategoryFeedback.NEW_CATEGORY;
    private static final Duration WAIT = Duration.ofMinutes(6);
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    /** inference's tiny transformers fixture; Surefire runs in the module directory. */
    private static final Path HF_SEQUENCE_CLASSIFIER =
            Path.of("..", "inference", "src", "test", "resources", "fixtures", "bert-tiny-sequence-classification");

    private LocalStack stack;
    private ModelStore store;
    private ModelEventPublisher publisher;
    private RetrainingJob job;
    private final BlockingQueue<RetrainingOutcome> outcomes = new LinkedBlockingQueue<>();

    @BeforeAll
    void startJob(LocalStack stack, @TempDir Path dir) {
        this.stack = stack;
        stack.kafka().createTopics(1, REQUESTS, REMOTE_REQUESTS, FINE_TUNE_REQUESTS, OUTAGE_REQUESTS, FEEDBACK);
        stack.kafka().createCompactedTopic(EVENTS, 1);
        publisher = ModelEventPublisher.create(clientConfig(), EVENTS, null);
        store = ModelStore.open(dir.resolve("registry")).addListener(publisher);
        assertEquals(1, DefaultBundle.ensure(store).version());
        produceFeedback();
        job = RetrainingJob.start(
                config(REQUESTS, "model.registry.dir", store.root().toString()), store, outcomes::add);
    }

    private RetrainingConfig config(String requestTopic, String registryKey, String registry) {
        return RetrainingConfig.of(settings(requestTopic, registryKey, registry));
    }

    private Map<String, String> settings(String requestTopic, String registryKey, String registry) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap.servers",
                stack.bootstrapServers(),
                "registry.url",
                stack.schemaRegistryUrl(),
                "topics.retrain-requests",
                requestTopic,
                "topics.feedback",
                FEEDBACK,
                "topics.model-events",
                EVENTS,
                registryKey,
                registry,
                "retrain.group-id",
                PREFIX + requestTopic,
                "retrain.min-feedback",
                "20"));
        return settings;
    }

    @AfterAll
    void stopJob() {
        if (job != null) {
            job.close();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    @Order(1)
    void aNewCategoryInTheFeedbackIsLearnedEvaluatedAndPromoted() throws Exception {
        request("request-1");
        RetrainingOutcome outcome = nextOutcome();
        assertEquals(Status.PROMOTED, outcome.status(), outcome.message());
        assertEquals(2, outcome.challengerVersion());

        ModelVersion champion = store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "champion"));
        assertEquals(2, champion.version());
        assertEquals(
                2,
                store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "challenger"))
                        .version());
        assertEquals(1, champion.manifest().parentVersion());
        assertTrue(
                champion.manifest().labelsOf("category").contains(NEW_CATEGORY),
                champion.manifest().labels().toString());
        assertNotNull(champion.manifest().referenceProfile());
        assertTrue(champion.manifest().trainingDataFingerprint().startsWith("sha256:"));
        Map<String, Double> metrics = champion.manifest().metrics();
        assertEquals(8.0, metrics.get("category.holdout_n"));
        assertTrue(
                metrics.get("category.accuracy") >= metrics.get("category.champion_accuracy") + 0.02,
                metrics.toString());
        assertEquals(outcome.challenger().accuracy(), metrics.get("category.accuracy"));
        assertEquals(
                store.resolve(ModelReference.ofVersion(DefaultBundle.MODEL, 1))
                        .manifest()
                        .metrics()
                        .get("sentiment.accuracy"),
                metrics.get("sentiment.accuracy"),
                "unchanged heads keep their metrics");

        EncoderIdentity parentEncoder = categoryHead(store.resolve(ModelReference.ofVersion(DefaultBundle.MODEL, 1)))
                .trainedOn();
        assertNotNull(parentEncoder, "the default bundle's heads record their encoder");
        assertEquals(
                parentEncoder,
                categoryHead(champion).trainedOn(),
                "the new head records the encoder it was trained on, the champion's");
        try (NlpPipeline pipeline = NlpPipeline.load(store.directory(champion), InferenceOptions.defaults())) {
            String label = pipeline.predict(
                            List.of("My toaster broke after a month, can I claim a replacement under the warranty?"))
                    .get(0)
                    .classification("category")
                    .label();
            assertEquals(NEW_CATEGORY, label);
        }

        ModelEvent promoted = awaitEvent(e -> e.getType() == ModelEventType.ALIAS_SET
                && "champion".equals(e.getAlias())
                && "2".equals(e.getVersion()));
        assertEquals("1", promoted.getPreviousVersion());
        assertEquals(champion.digest(), promoted.getDigest());

        request("request-1");
        RetrainingOutcome duplicate = nextOutcome();
        assertEquals(Status.DUPLICATE, duplicate.status(), duplicate.message());
        assertEquals(2, duplicate.challengerVersion());
        assertEquals(2, store.versions(DefaultBundle.MODEL).size(), "a handled request is not trained twice");
    }

    @Test
    @Order(2)
    void aRequestDeliveredAgainAfterARollbackLeavesTheChampionRolledBack() throws Exception {
        store.setAlias(DefaultBundle.MODEL, "champion", 1);
        request("request-1");
        RetrainingOutcome duplicate = nextOutcome();
        assertEquals(Status.DUPLICATE, duplicate.status(), duplicate.message());
        assertEquals(1, duplicate.championVersion());
        assertEquals(
                1,
                store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "champion"))
                        .version());
        assertEquals(2, store.versions(DefaultBundle.MODEL).size());
        // the operator promotes the challenger again, as the following tests expect
        store.setAlias(DefaultBundle.MODEL, "champion", 2);
    }

    @Test
    @Order(3)
    void aChallengerThatDoesNotWinByTheMarginStaysChallenger() throws Exception {
        assertEquals(
                2,
                store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "champion"))
                        .version(),
                "precondition: the first test promoted version 2");
        request("request-2");
        RetrainingOutcome outcome = nextOutcome();
        assertEquals(Status.NOT_PROMOTED, outcome.status(), outcome.message());
        assertEquals(3, outcome.challengerVersion());
        // same feedback, same original data, same seed: the same head, so no gain at all
        assertEquals(outcome.champion(), outcome.challenger());
        assertEquals(
                2,
                store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "champion"))
                        .version());
        assertEquals(
                3,
                store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "challenger"))
                        .version());
        assertEquals(
                2,
                store.resolve(ModelReference.ofVersion(DefaultBundle.MODEL, 3))
                        .manifest()
                        .parentVersion());
        awaitEvent(e -> e.getType() == ModelEventType.ALIAS_SET
                && "challenger".equals(e.getAlias())
                && "3".equals(e.getVersion()));
    }

    @Test
    @Order(4)
    void aDecisionInterruptedAfterRegistrationIsFinishedWithoutTrainingAgain() throws Exception {
        // what a crash between registering version 3 and pointing the alias at it leaves behind: the aliases as they
        // were
        store.setAlias(DefaultBundle.MODEL, "challenger", 2);
        request("request-2");
        RetrainingOutcome outcome = nextOutcome();
        assertEquals(Status.NOT_PROMOTED, outcome.status(), outcome.message());
        assertTrue(outcome.resumed(), outcome.message());
        assertEquals(3, outcome.challengerVersion());
        assertEquals(3, store.versions(DefaultBundle.MODEL).size());
        assertEquals(
                3,
                store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "challenger"))
                        .version());
        assertEquals(
                2,
                store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "champion"))
                        .version());
    }

    @Test
    @Order(5)
    void requestsThatCannotBeServedAreRejectedAndTheJobGoesOn() throws Exception {
        send(request("request-3", "no-such-model", "category"));
        RetrainingOutcome unknown = nextOutcome();
        assertEquals(Status.REJECTED, unknown.status());
        assertEquals("model 'no-such-model' is not in the registry", unknown.message());

        send(request("request-4", DefaultBundle.MODEL, "ner"));
        RetrainingOutcome ner = nextOutcome();
        assertEquals(Status.REJECTED, ner.status());
        assertTrue(
                ner.message()
                        .endsWith(
                                "has no classification head 'ner' (it has [category, urgency, sentiment, moderation])"),
                ner.message());

        sendGarbage(REQUESTS);
        RetrainingOutcome garbage = nextOutcome();
        assertEquals(Status.REJECTED, garbage.status());
        assertTrue(
                garbage.message().startsWith("undecodable retrain request at " + REQUESTS + "-0@"), garbage.message());
        assertEquals(new RetrainingStats(8, 2, 1, 2, 3, 0, 0), job.stats());
    }

    @Test
    @Order(6)
    void aJobOnTheRegistryHttpApiFindsHandledRequestsThere() throws Exception {
        String token = "retraining-job-test-token";
        try (RegistryHttpServer server = RegistryHttpServer.start(
                store, RegistryServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), token))) {
            RemoteModelRegistry remote =
                    new RemoteModelRegistry(server.baseUri(), Optional.of(token), ModelLoadCheck.STRUCTURE_ONLY);
            BlockingQueue<RetrainingOutcome> remoteOutcomes = new LinkedBlockingQueue<>();
            try (RetrainingJob remoteJob = RetrainingJob.start(
                    config(
                            REMOTE_REQUESTS,
                            "model.registry.url",
                            server.baseUri().toString()),
                    remote,
                    remoteOutcomes::add)) {
                send(REMOTE_REQUESTS, request("request-1", DefaultBundle.MODEL, "category"));
                RetrainingOutcome outcome = nextOutcome(remoteJob, remoteOutcomes);
                assertEquals(Status.DUPLICATE, outcome.status(), outcome.message());
                assertEquals(2, outcome.challengerVersion());
                assertEquals(2, outcome.championVersion());
            }
        }
    }

    @Test
    @Order(7)
    void aRequestWaitsOutARegistryOutageUncommittedAndIsServedWhenTheRegistryIsBack() throws Exception {
        String token = "retraining-job-test-token";
        RegistryHttpServer down = RegistryHttpServer.start(
                store, RegistryServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), token));
        URI url = down.baseUri();
        down.close();
        Map<String, String> settings = settings(OUTAGE_REQUESTS, "model.registry.url", url.toString());
        settings.put("retrain.max-attempts", "1");
        settings.put("retrain.retry-backoff-ms", "50");
        settings.put("retrain.max-retry-backoff-ms", "400");
        RemoteModelRegistry remote = new RemoteModelRegistry(url, Optional.of(token), ModelLoadCheck.STRUCTURE_ONLY);
        BlockingQueue<RetrainingOutcome> outageOutcomes = new LinkedBlockingQueue<>();
        try (RetrainingJob outageJob =
                RetrainingJob.start(RetrainingConfig.of(settings), remote, outageOutcomes::add)) {
            send(OUTAGE_REQUESTS, request("request-6", DefaultBundle.MODEL, "category"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (outageJob.stats().registryRetries() < 3 && outageJob.isRunning() && System.nanoTime() < deadline) {
                assertNull(outageOutcomes.poll(100, TimeUnit.MILLISECONDS), "decided while the registry was down");
            }
            assertTrue(outageJob.stats().registryRetries() >= 3, "job stats " + outageJob.stats());
            assertEquals(0, outageJob.stats().requestsHandled());
            assertNull(committedOffset(OUTAGE_REQUESTS), "nothing committed while the registry was down");

            try (RegistryHttpServer up = RegistryHttpServer.start(
                    store,
                    RegistryServerConfig.of(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), url.getPort()), token))) {
                RetrainingOutcome outcome = nextOutcome(outageJob, outageOutcomes);
                assertEquals(Status.NOT_PROMOTED, outcome.status(), outcome.message());
                assertEquals(4, outcome.challengerVersion());
                assertEquals(
                        8.0,
                        store.resolve(ModelReference.ofVersion(DefaultBundle.MODEL, 4))
                                .manifest()
                                .metrics()
                                .get("category.holdout_n"),
                        "every feedback label was read");
                assertEquals(1L, committedOffset(OUTAGE_REQUESTS));
                assertEquals(0, outageJob.stats().failed());
            }
        }
    }

    @Test
    @Order(8)
    void withFineTuningTheTaskGetsItsOwnEncoderAndTheOtherTasksStay() throws Exception {
        ModelVersion champion = store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "champion"));
        Map<String, String> settings =
                settings(FINE_TUNE_REQUESTS, "model.registry.dir", store.root().toString());
        settings.put("retrain.fine-tune", "true");
        // no epochs or steps: the schedule is picked to fit the time, as by train --fine-tune --max-seconds
        settings.put("retrain.fine-tune.max-seconds", "20");
        BlockingQueue<RetrainingOutcome> fineTuneOutcomes = new LinkedBlockingQueue<>();
        try (RetrainingJob fineTuning =
                RetrainingJob.start(RetrainingConfig.of(settings), store, fineTuneOutcomes::add)) {
            send(FINE_TUNE_REQUESTS, request("request-5", DefaultBundle.MODEL, "category"));
            RetrainingOutcome outcome = nextOutcome(fineTuning, fineTuneOutcomes);
            assertTrue(
                    outcome.status() == Status.PROMOTED || outcome.status() == Status.NOT_PROMOTED, outcome.message());
            ModelVersion challenger =
                    store.resolve(ModelReference.ofVersion(DefaultBundle.MODEL, outcome.challengerVersion()));
            assertEquals(champion.version(), challenger.manifest().parentVersion());
            assertEquals(
                    outcome.challenger().accuracy(),
                    challenger.manifest().metrics().get("category.accuracy"));
            List<String> devCurve = challenger.manifest().metrics().keySet().stream()
                    .filter(k -> k.startsWith("category.dev_curve.step_"))
                    .toList();
            assertFalse(devCurve.isEmpty(), "the fine-tuning's dev curve is recorded");

            BundleManifest before = BundleManifest.read(store.directory(champion));
            BundleManifest after = BundleManifest.read(store.directory(challenger));
            assertEquals(before.encoder(), after.encoder());
            assertEquals(before.ner(), after.ner());
            for (int i = 0; i < before.classification().size(); i++) {
                ClassificationSpec was = before.classification().get(i);
                ClassificationSpec is = after.classification().get(i);
                if (was.task().equals("category")) {
                    assertEquals(TaskKind.HF, is.kind());
                    assertEquals("tasks/category", is.path());
                } else {
                    assertEquals(was, is, "task " + was.task() + " is unchanged");
                }
            }
            assertTrue(
                    challenger.manifest().labelsOf("category").contains(NEW_CATEGORY),
                    challenger.manifest().labels().toString());
            try (NlpPipeline pipeline = NlpPipeline.load(store.directory(challenger), InferenceOptions.defaults())) {
                NlpResult result = pipeline.predict(
                                List.of("My toaster broke after a month, can I claim a replacement?"))
                        .get(0);
                assertTrue(challenger
                        .manifest()
                        .labelsOf("category")
                        .contains(result.classification("category").label()));
                assertNotNull(result.classification("sentiment"), "the other tasks still run");
            }
        }
    }

    @Test
    @Order(9)
    void anImportedHuggingFaceChampionIsReadAsABundleAndHasNoHeadToRetrain(@TempDir Path export) throws Exception {
        try (Stream<Path> files = Files.list(HF_SEQUENCE_CLASSIFIER)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("reference.json"))
                    .toList()) {
                Files.copy(file, export.resolve(file.getFileName()));
            }
        }
        ModelVersion imported = store.register(
                "sentiment",
                export,
                RegistrationRequest.builder()
                        .format(ModelFormat.HF_ONNX)
                        .task("sentiment")
                        .build());
        store.setAlias("sentiment", "champion", imported.version());

        send(request("request-6", "sentiment", "sentiment"));
        RetrainingOutcome outcome = nextOutcome();
        assertEquals(Status.REJECTED, outcome.status());
        assertEquals(
                "task 'sentiment' of sentiment:1 is a hf model, not a head on the shared encoder; only heads are"
                        + " retrained (or set retrain.fine-tune=true)",
                outcome.message());
    }

    private ClassificationSpec categoryHead(ModelVersion version) {
        return BundleManifest.read(store.directory(version)).classification().stream()
                .filter(spec -> spec.task().equals("category"))
                .findFirst()
                .orElseThrow();
    }

    private void produceFeedback() {
        List<Feedback> feedback = NewCategoryFeedback.labels(T0);
        try (KafkaProducer<String, Feedback> producer =
                new KafkaProducer<>(clientConfig(), new StringSerializer(), serializer())) {
            for (Feedback f : feedback) {
                producer.send(new ProducerRecord<>(FEEDBACK, f.getEventId(), f));
            }
            // a label for another task is read and ignored
            producer.send(new ProducerRecord<>(
                    FEEDBACK,
                    "known-0",
                    Feedback.newBuilder(feedback.get(0))
                            .setTask("sentiment")
                            .setLabel("negative")
                            .build()));
        }
        sendGarbage(FEEDBACK);
    }

    /** A record that is not in the Confluent wire format. */
    private void sendGarbage(String topic) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(
                    new ProducerRecord<>(topic, "garbage".getBytes(StandardCharsets.UTF_8), new byte[] {7, 7, 7}));
        }
    }

    private void request(String id) {
        send(request(id, DefaultBundle.MODEL, "category"));
    }

    private void send(RetrainRequest request) {
        send(REQUESTS, request);
    }

    private static RetrainRequest request(String id, String model, String task) {
        return RetrainRequest.newBuilder()
                .setRequestId(id)
                .setModelName(model)
                .setModelVersion("1")
                .setTask(task)
                .setReason("test")
                .setEvidence(List.of())
                .setFeedbackCount(40)
                .setRequestedAt(T0.plusSeconds(3600))
                .build();
    }

    private void send(String topic, RetrainRequest request) {
        try (KafkaProducer<String, RetrainRequest> producer =
                new KafkaProducer<>(clientConfig(), new StringSerializer(), serializer())) {
            producer.send(new ProducerRecord<>(topic, request.getModelName(), request));
        }
    }

    private RetrainingOutcome nextOutcome() throws InterruptedException {
        return nextOutcome(job, outcomes);
    }

    private static RetrainingOutcome nextOutcome(RetrainingJob job, BlockingQueue<RetrainingOutcome> outcomes)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && job.isRunning()) {
            RetrainingOutcome outcome = outcomes.poll(1, TimeUnit.SECONDS);
            if (outcome != null) {
                return outcome;
            }
        }
        throw new AssertionError((job.isRunning() ? "no outcome within " + WAIT : "the job stopped (see its log)")
                + "; job stats " + job.stats());
    }

    /** The offset the job's group has committed on the topic's only partition, or null. */
    private Long committedOffset(String topic) throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(PREFIX + topic)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(new TopicPartition(topic, 0));
            return committed == null ? null : committed.offset();
        }
    }

    private ModelEvent awaitEvent(java.util.function.Predicate<ModelEvent> wanted) {
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, PREFIX + "events-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroDeserializer<ModelEvent> values = new AvroDeserializer<>(ModelEvent.class);
        values.configure(config, false);
        List<ModelEvent> seen = new ArrayList<>();
        try (KafkaConsumer<String, ModelEvent> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                    if (wanted.test(record.value())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no such model event on " + EVENTS + "; saw " + seen);
    }

    private <T extends org.apache.avro.specific.SpecificRecord> AvroSerializer<T> serializer() {
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(clientConfig(), false);
        return serializer;
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(stack.kafka().clientConfig());
        config.put("schema.registry.url", stack.schemaRegistryUrl());
        return config;
    }
}
