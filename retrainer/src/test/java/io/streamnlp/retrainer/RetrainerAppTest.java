package io.streamnlp.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.retrainer.job.RetrainingOutcome;
import io.streamnlp.retrainer.job.RetrainingStats;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process wiring on the real broker and registry: trigger and job start together, a request on
 * the topic reaches the job (here one it must reject: the registry is empty), and close stops both.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(180)
class RetrainerAppTest {

    private static final String PREFIX = "retrainer-app-test-";

    @Test
    void runsTheTriggerAndTheJobAndStopsBoth(LocalStack stack, @TempDir Path dir) throws InterruptedException {
        stack.kafka().createTopics(1, PREFIX + "drift-metrics", PREFIX + "feedback", PREFIX + "retrain-requests",
                PREFIX + "trigger-dead-letters");
        stack.kafka().createCompactedTopic(PREFIX + "model-events", 1);
        RetrainerConfig config = RetrainerConfig.of(Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", stack.bootstrapServers()),
                Map.entry("registry.url", stack.schemaRegistryUrl()),
                Map.entry("model.registry.dir", dir.resolve("registry").toString()),
                Map.entry("topics.drift-metrics", PREFIX + "drift-metrics"),
                Map.entry("topics.feedback", PREFIX + "feedback"),
                Map.entry("topics.retrain-requests", PREFIX + "retrain-requests"),
                Map.entry("topics.model-events", PREFIX + "model-events"),
                Map.entry("topics.trigger-dead-letters", PREFIX + "trigger-dead-letters"),
                Map.entry("trigger.application-id", PREFIX + "trigger"),
                Map.entry("trigger.state-dir", dir.resolve("streams").toString()),
                Map.entry("retrain.group-id", PREFIX + "job")));
        BlockingQueue<RetrainingOutcome> outcomes = new LinkedBlockingQueue<>();

        RetrainerApp app = RetrainerApp.start(config, outcomes::add);
        try {
            Map<String, Object> producerConfig = new HashMap<>(stack.kafka().clientConfig());
            producerConfig.put("schema.registry.url", stack.schemaRegistryUrl());
            AvroSerializer<RetrainRequest> values = new AvroSerializer<>();
            values.configure(producerConfig, false);
            try (KafkaProducer<String, RetrainRequest> producer = new KafkaProducer<>(producerConfig,
                    new StringSerializer(), values)) {
                producer.send(new ProducerRecord<>(PREFIX + "retrain-requests", "default", RetrainRequest.newBuilder()
                        .setRequestId("app-request-1").setModelName("default").setModelVersion("1").setTask("category")
                        .setReason("test").setEvidence(List.of()).setFeedbackCount(0)
                        .setRequestedAt(Instant.parse("2026-11-26T07:00:00Z")).build()));
            }
            RetrainingOutcome outcome = outcomes.poll(120, TimeUnit.SECONDS);
            assertNotNull(outcome, "the job did not answer the request");
            assertEquals(RetrainingOutcome.Status.REJECTED, outcome.status());
            assertEquals("model 'default' is not in the registry", outcome.message());
            assertEquals(new RetrainingStats(1, 0, 0, 0, 1, 0), app.stats());
            KafkaStreams.State trigger = app.triggerState();
            assertTrue(trigger.isRunningOrRebalancing(), "trigger " + trigger);
        } finally {
            app.close();
        }
        assertFalse(app.jobRunning());
        assertEquals(KafkaStreams.State.NOT_RUNNING, app.triggerState());
    }
}
