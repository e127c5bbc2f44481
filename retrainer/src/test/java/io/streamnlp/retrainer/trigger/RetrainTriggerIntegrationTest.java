package io.streamnlp.retrainer.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.avro.RetrainRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger app on the real broker and registry: drift reports and feedback in, one retrain request out (read
 * with a read_committed consumer), and an undecodable record on the dead-letter topic instead of a stopped app.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(180)
class RetrainTriggerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ModelRef MODEL = Reports.model("default", "3");

    @Test
    void requestsARetrainFromDriftReportsAndFeedback(LocalStack stack, @TempDir Path stateDir) {
        TriggerConfig config = TriggerConfig.of(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                Map.of(
                        TriggerConfig.APPLICATION_ID, "retrain-trigger-it",
                        TriggerConfig.DRIFT_TOPIC, "it-drift-metrics",
                        TriggerConfig.FEEDBACK_TOPIC, "it-feedback",
                        TriggerConfig.REQUEST_TOPIC, "it-retrain-requests",
                        TriggerConfig.DEAD_LETTER_TOPIC, "it-trigger-dead-letters",
                        TriggerConfig.CONSECUTIVE_WINDOWS, "3",
                        TriggerConfig.COOLDOWN, "1h",
                        TriggerConfig.MIN_FEEDBACK, "2",
                        TriggerConfig.STATE_DIR, stateDir.toString()));
        stack.kafka()
                .createTopics(
                        2,
                        config.driftTopic(),
                        config.feedbackTopic(),
                        config.requestTopic(),
                        config.deadLetterTopic());
        TriggerSerdes serdes = TriggerSerdes.fromRegistry(config.schemaRegistryUrl());

        try (RetrainTriggerApp app = RetrainTriggerApp.start(config, serdes)) {
            try (var raw = new KafkaProducer<>(
                    stack.kafka().clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(
                        config.driftTopic(), "garbage".getBytes(StandardCharsets.UTF_8), new byte[] {7, 7, 7}));
            }
            try (var feedback = new KafkaProducer<>(
                    stack.kafka().clientConfig(),
                    new StringSerializer(),
                    serdes.feedback().serializer())) {
                for (int i = 0; i < 2; i++) {
                    Feedback label = Reports.feedback(MODEL, "category", i);
                    feedback.send(new ProducerRecord<>(config.feedbackTopic(), label.getEventId(), label));
                }
            }
            try (var reports = new KafkaProducer<>(
                    stack.kafka().clientConfig(),
                    new StringSerializer(),
                    serdes.driftReports().serializer())) {
                for (int w = 0; w < 3; w++) {
                    DriftReport report = Reports.report(MODEL, w, "js_distance");
                    reports.send(new ProducerRecord<>(config.driftTopic(), "default/category", report));
                }
            }

            List<ConsumerRecord<String, RetrainRequest>> requests = readAtLeastOne(
                    stack,
                    config.requestTopic(),
                    new StringDeserializer(),
                    serdes.retrainRequests().deserializer());
            RetrainRequest request = requests.get(0).value();
            assertEquals(1, requests.size(), requests.toString());
            assertEquals("default", request.getModelName());
            assertEquals("3", request.getModelVersion());
            assertEquals(2, request.getFeedbackCount());
            assertEquals(3, request.getEvidence().size());

            var dead = readAtLeastOne(
                    stack, config.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            assertEquals("garbage", new String(dead.get(0).key(), StandardCharsets.UTF_8));
            assertTrue(app.state().isRunningOrRebalancing(), "the bad record did not stop the app: " + app.state());
        }
    }

    private static <K, V> List<ConsumerRecord<K, V>> readAtLeastOne(
            LocalStack stack, String topic, Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = stack.kafka().clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "retrain-trigger-it-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // whatever else is already committed arrives with the next poll
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertTrue(!records.isEmpty(), "nothing on " + topic + " within " + WAIT);
        return records;
    }
}
