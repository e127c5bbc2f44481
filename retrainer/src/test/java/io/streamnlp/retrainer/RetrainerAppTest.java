package io.streamnlp.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.retrainer.job.NewCategoryFeedback;
import io.streamnlp.retrainer.job.RetrainingOutcome;
import io.streamnlp.retrainer.job.RetrainingStats;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.serde.AvroSerializer;
import io.streamnlp.training.bundle.DefaultBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrainer process on the real broker and schema registry, as `streamnlp retrainer` runs it:
 * three drifted windows of the default model's category task and 40 feedback labels (a new
 * category among them) go in; the trigger requests a retrain, the job trains, evaluates and promotes
 * the challenger; close stops both.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RetrainerAppTest {

    private static final String PREFIX = "retrainer-app-test-";
    /**
     * The trigger stamps a request with the event time of the window that completed it, and the broker
     * refuses record times more than an hour ahead of its clock: the test's event times lie in the past.
     */
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void driftAndFeedbackBecomeARetrainRequestAndAPromotedChallenger(LocalStack stack, @TempDir Path dir)
            throws InterruptedException {
        stack.kafka()
                .createTopics(
                        1,
                        PREFIX + "drift-metrics",
                        PREFIX + "feedback",
                        PREFIX + "retrain-requests",
                        PREFIX + "trigger-dead-letters");
        stack.kafka().createCompactedTopic(PREFIX + "model-events", 1);
        ModelStore store = ModelStore.open(dir.resolve("registry"));
        ModelVersion champion = DefaultBundle.ensure(store);
        RetrainerConfig config = RetrainerConfig.of(Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", stack.bootstrapServers()),
                Map.entry("registry.url", stack.schemaRegistryUrl()),
                Map.entry("model.registry.dir", store.root().toString()),
                Map.entry("topics.drift-metrics", PREFIX + "drift-metrics"),
                Map.entry("topics.feedback", PREFIX + "feedback"),
                Map.entry("topics.retrain-requests", PREFIX + "retrain-requests"),
                Map.entry("topics.model-events", PREFIX + "model-events"),
                Map.entry("topics.trigger-dead-letters", PREFIX + "trigger-dead-letters"),
                Map.entry("trigger.application-id", PREFIX + "trigger"),
                Map.entry("trigger.state-dir", dir.resolve("streams").toString()),
                Map.entry("trigger.min-feedback", Integer.toString(NewCategoryFeedback.SIZE)),
                Map.entry("retrain.group-id", PREFIX + "job")));
        BlockingQueue<RetrainingOutcome> outcomes = new LinkedBlockingQueue<>();

        RetrainerApp app = RetrainerApp.start(config, outcomes::add);
        try {
            try (KafkaProducer<String, Feedback> feedback = producer(stack)) {
                for (Feedback label : NewCategoryFeedback.labels(T0)) {
                    feedback.send(new ProducerRecord<>(PREFIX + "feedback", label.getEventId(), label));
                }
            }
            ModelRef served = ModelRef.newBuilder()
                    .setName(DefaultBundle.MODEL)
                    .setVersion(Integer.toString(champion.version()))
                    .setDigest(champion.digest())
                    .build();
            try (KafkaProducer<String, DriftReport> reports = producer(stack)) {
                for (int window = 0; window < 3; window++) {
                    reports.send(new ProducerRecord<>(
                            PREFIX + "drift-metrics", "default/category", driftedWindow(served, window)));
                }
            }

            RetrainingOutcome outcome = outcomes.poll(5, TimeUnit.MINUTES);
            assertNotNull(outcome, "no retrain outcome; job stats " + app.stats());
            assertEquals(RetrainingOutcome.Status.PROMOTED, outcome.status(), outcome.message());
            assertFalse(outcome.requestId().isBlank());
            assertEquals(champion.version() + 1, outcome.challengerVersion());
            assertEquals(
                    outcome.challengerVersion(),
                    store.resolve(ModelReference.ofAlias(DefaultBundle.MODEL, "champion"))
                            .version());
            assertEquals(new RetrainingStats(1, 1, 1, 0, 0, 0, 0), app.stats());
            KafkaStreams.State trigger = app.triggerState();
            assertTrue(trigger.isRunningOrRebalancing(), "trigger " + trigger);
        } finally {
            app.close();
        }
        assertFalse(app.jobRunning());
        assertEquals(KafkaStreams.State.NOT_RUNNING, app.triggerState());
    }

    @Test
    void theAppEndsWithANonZeroExitStatusWhenItsRetrainingThreadDies(LocalStack stack, @TempDir Path dir)
            throws Exception {
        String prefix = PREFIX + "dies-";
        stack.kafka()
                .createTopics(
                        1,
                        prefix + "drift-metrics",
                        prefix + "feedback",
                        prefix + "retrain-requests",
                        prefix + "trigger-dead-letters");
        ModelStore store = ModelStore.open(dir.resolve("registry"));
        RetrainerConfig config = RetrainerConfig.of(Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", stack.bootstrapServers()),
                Map.entry("registry.url", stack.schemaRegistryUrl()),
                Map.entry("topics.drift-metrics", prefix + "drift-metrics"),
                Map.entry("topics.feedback", prefix + "feedback"),
                Map.entry("topics.retrain-requests", prefix + "retrain-requests"),
                Map.entry("topics.model-events", prefix + "model-events"),
                Map.entry("topics.trigger-dead-letters", prefix + "trigger-dead-letters"),
                Map.entry("trigger.application-id", prefix + "trigger"),
                Map.entry("trigger.state-dir", dir.resolve("streams").toString()),
                Map.entry("retrain.group-id", prefix + "job")));
        // an Error escapes the job's thread like an OutOfMemoryError in training would
        RetrainerApp app = RetrainerApp.start(config, store, outcome -> {
            throw new LinkageError("the test's listener fails on " + outcome.status());
        });
        try {
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(stack.kafka().clientConfig(), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(prefix + "retrain-requests", "not a retrain request"));
            }
            int status = app.exitCode().toCompletableFuture().get(2, TimeUnit.MINUTES);
            assertEquals(RetrainerApp.EXIT_WORKER_DIED, status);
        } finally {
            app.close();
        }
        assertEquals(
                RetrainerApp.EXIT_WORKER_DIED,
                app.exitCode().toCompletableFuture().getNow(0),
                "closing afterwards does not turn the failure into a clean stop");
    }

    /** One-minute window {@code window} after the feedback, with the label distribution's JS distance over 0.1. */
    private static DriftReport driftedWindow(ModelRef model, int window) {
        Instant end = T0.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(window + 1L));
        return DriftReport.newBuilder()
                .setModel(model)
                .setTask("category")
                .setWindowStart(end.minus(Duration.ofMinutes(1)))
                .setWindowEnd(end)
                .setCount(200)
                .setJsDistance(0.3)
                .setDrifted(true)
                .setDriftedMetrics(List.of("js_distance"))
                .setScores(Map.of("js_distance", 0.3))
                .setThresholds(Map.of("js_distance", 0.1))
                .build();
    }

    private static <T extends SpecificRecord> KafkaProducer<String, T> producer(LocalStack stack) {
        Map<String, Object> config = new HashMap<>(stack.kafka().clientConfig());
        config.put("schema.registry.url", stack.schemaRegistryUrl());
        AvroSerializer<T> values = new AvroSerializer<>();
        values.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }
}
