package io.streamnlp.retrainer.trigger;

import static io.streamnlp.retrainer.trigger.Reports.feedback;
import static io.streamnlp.retrainer.trigger.Reports.model;
import static io.streamnlp.retrainer.trigger.Reports.report;
import static io.streamnlp.retrainer.trigger.Reports.windowEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.localstack.ApicurioRegistry;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.schemas.avro.DriftEvidence;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.avro.RetrainRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every rule of the trigger, through the real topology with serdes backed by the real registry (Apicurio). */
@ExtendWith(LocalStackExtension.class)
@Timeout(120)
class RetrainTriggerTopologyTest {

    private static final ModelRef DEFAULT_V1 = model("default", "1");
    private static final ModelRef DEFAULT_V2 = model("default", "2");
    private static final ModelRef TICKETS = model("tickets", "7");

    private static String registryUrl;
    private static TriggerSerdes serdes;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], DriftReport> reports;
    private TestInputTopic<byte[], Feedback> feedback;
    private TestOutputTopic<String, RetrainRequest> requests;

    @BeforeAll
    static void serdes(ApicurioRegistry registry) {
        registryUrl = registry.confluentUrl();
        serdes = TriggerSerdes.fromRegistry(registryUrl);
    }

    private void start(int k, Duration cooldown, long minFeedback) {
        // TopologyTestDriver never connects to the bootstrap servers
        TriggerConfig config = TriggerConfig.of(
                "topology-test-driver:9092",
                registryUrl,
                Map.of(
                        TriggerConfig.CONSECUTIVE_WINDOWS, Integer.toString(k),
                        TriggerConfig.COOLDOWN, cooldown.toString(),
                        TriggerConfig.MIN_FEEDBACK, Long.toString(minFeedback),
                        TriggerConfig.STATE_DIR, stateDir.toString()));
        driver = new TopologyTestDriver(TriggerTopology.build(config, serdes), config.streamsProperties());
        reports = driver.createInputTopic(
                config.driftTopic(),
                new ByteArraySerializer(),
                serdes.driftReports().serializer());
        feedback = driver.createInputTopic(
                config.feedbackTopic(),
                new ByteArraySerializer(),
                serdes.feedback().serializer());
        requests = driver.createOutputTopic(
                config.requestTopic(),
                new StringDeserializer(),
                serdes.retrainRequests().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void requestsOnTheKthConsecutiveWindowOverThresholdWithItsEvidence() {
        start(3, Duration.ofHours(1), 2);
        feedback.pipeInput(feedback(DEFAULT_V1, "category", 1));
        feedback.pipeInput(feedback(DEFAULT_V1, "category", 2));
        reports.pipeInput(report(DEFAULT_V1, 0, "psi"));
        reports.pipeInput(report(DEFAULT_V1, 1, "psi"));
        assertTrue(requests.isEmpty(), "two windows are not enough");

        reports.pipeInput(report(DEFAULT_V1, 2, "psi"));

        var record = requests.readRecord();
        RetrainRequest request = record.value();
        assertEquals("default", record.key());
        assertEquals("default", request.getModelName());
        assertEquals("1", request.getModelVersion());
        assertEquals("category", request.getTask());
        assertEquals(2, request.getFeedbackCount());
        assertEquals(windowEnd(2), request.getRequestedAt());
        assertTrue(request.getReason().startsWith("psi over threshold for 3 consecutive windows"), request.getReason());
        List<DriftEvidence> evidence = request.getEvidence();
        assertEquals(
                List.of(windowEnd(0), windowEnd(1), windowEnd(2)),
                evidence.stream().map(DriftEvidence::getWindowEnd).toList());
        assertTrue(
                evidence.stream()
                        .allMatch(e -> e.getMetric().equals("psi") && e.getValue() == 0.35 && e.getThreshold() == 0.2),
                evidence.toString());
        assertTrue(requests.isEmpty());
    }

    @Test
    void aWindowUnderThresholdStartsTheCountAgain() {
        start(3, Duration.ZERO, 0);
        reports.pipeInput(report(DEFAULT_V1, 0, "js_distance"));
        reports.pipeInput(report(DEFAULT_V1, 1, "js_distance"));
        reports.pipeInput(report(DEFAULT_V1, 2));
        reports.pipeInput(report(DEFAULT_V1, 3, "js_distance"));
        reports.pipeInput(report(DEFAULT_V1, 4, "js_distance"));
        assertTrue(requests.isEmpty(), "the clean window reset the streak");

        reports.pipeInput(report(DEFAULT_V1, 5, "js_distance"));

        assertEquals(windowEnd(5), requests.readValue().getRequestedAt());
    }

    @Test
    void theKWindowsMustBeOverThresholdOnOneMetric() {
        start(3, Duration.ZERO, 0);
        reports.pipeInput(report(DEFAULT_V1, 0, "psi"));
        reports.pipeInput(report(DEFAULT_V1, 1, "js_distance"));
        reports.pipeInput(report(DEFAULT_V1, 2, "psi"));
        reports.pipeInput(report(DEFAULT_V1, 3, "js_distance"));
        assertTrue(requests.isEmpty());

        reports.pipeInput(report(DEFAULT_V1, 4, "psi", "js_distance"));
        reports.pipeInput(report(DEFAULT_V1, 5, "psi", "js_distance"));

        RetrainRequest request = requests.readValue();
        assertEquals(windowEnd(5), request.getRequestedAt());
        assertEquals(
                List.of("js_distance", "js_distance", "js_distance"),
                request.getEvidence().stream().map(DriftEvidence::getMetric).toList(),
                "js_distance was over threshold in windows 3, 4 and 5; psi only in 4 and 5");
    }

    @Test
    void noSecondRequestForTheModelWithinTheCooldown() {
        start(3, Duration.ofMinutes(10), 0);
        for (int w = 0; w <= 12; w++) {
            reports.pipeInput(report(DEFAULT_V1, w, "psi"));
        }

        List<RetrainRequest> made = requests.readValuesToList();
        // first at window 2 (ends minute 3); the next streak is complete at window 5, but only window 12 (ends
        // minute 13) is 10 minutes past the first request
        assertEquals(
                List.of(windowEnd(2), windowEnd(12)),
                made.stream().map(RetrainRequest::getRequestedAt).toList());
    }

    @Test
    void theCooldownDoublesWhileTheSameVersionIsServedAndStartsOverWithANewOne() {
        start(1, Duration.ofMinutes(2), 0);
        for (int w = 0; w <= 14; w++) {
            reports.pipeInput(report(DEFAULT_V1, w, "psi"));
        }
        for (int w = 15; w <= 17; w++) {
            reports.pipeInput(report(DEFAULT_V2, w, "psi"));
        }

        // version 1: 2, then 4, then 8 minutes after the previous request; version 2: 2 minutes again
        assertEquals(
                List.of(windowEnd(0), windowEnd(2), windowEnd(6), windowEnd(14), windowEnd(16)),
                requests.readValuesToList().stream()
                        .map(RetrainRequest::getRequestedAt)
                        .toList());
    }

    @Test
    void waitsForEnoughNewFeedbackForTheTaskAndThenRequestsOnTheLabelThatCompletesIt() {
        start(3, Duration.ZERO, 3);
        feedback.pipeInput(feedback(DEFAULT_V1, "category", 1));
        for (int w = 0; w <= 2; w++) {
            reports.pipeInput(report(DEFAULT_V1, w, "psi"));
        }
        feedback.pipeInput(feedback(DEFAULT_V1, "ner", 2));
        feedback.pipeInput(feedback(TICKETS, "category", 3));
        feedback.pipeInput(feedback(DEFAULT_V1, "category", 4));
        assertTrue(requests.isEmpty(), "2 labels for the task, other tasks and models do not count");

        feedback.pipeInput(feedback(DEFAULT_V1, "category", 5));

        RetrainRequest request = requests.readValue();
        assertEquals(3, request.getFeedbackCount());
        assertEquals(windowEnd(2), request.getRequestedAt());
        for (int w = 3; w <= 5; w++) {
            reports.pipeInput(report(DEFAULT_V1, w, "psi"));
        }
        assertTrue(requests.isEmpty(), "the request used up the feedback counted so far");
    }

    @Test
    void feedbackWithoutAModelCountsForTheDefaultModel() {
        start(1, Duration.ZERO, 1);
        Feedback anonymous = feedback(DEFAULT_V1, "category", 1);
        anonymous.setModel(null);
        feedback.pipeInput(anonymous);

        reports.pipeInput(report(DEFAULT_V1, 0, "psi"));

        assertEquals(1, requests.readValue().getFeedbackCount());
    }

    @Test
    void modelsAreJudgedIndependently() {
        start(3, Duration.ofHours(1), 0);
        reports.pipeInput(report(DEFAULT_V1, 0, "psi"));
        reports.pipeInput(report(TICKETS, 0, "psi"));
        reports.pipeInput(report(DEFAULT_V1, 1, "psi"));
        reports.pipeInput(report(TICKETS, 1));
        reports.pipeInput(report(DEFAULT_V1, 2, "psi"));
        reports.pipeInput(report(TICKETS, 2, "psi"));
        reports.pipeInput(report(TICKETS, 3, "psi"));
        assertEquals(
                List.of("default"),
                requests.readValuesToList().stream()
                        .map(RetrainRequest::getModelName)
                        .toList(),
                "tickets' clean window reset only tickets' streak");

        reports.pipeInput(report(TICKETS, 4, "psi"));

        RetrainRequest tickets = requests.readValue();
        assertEquals("tickets", tickets.getModelName());
        assertEquals("7", tickets.getModelVersion());
    }

    @Test
    void aNewModelVersionStartsTheCountAgain() {
        start(3, Duration.ZERO, 0);
        reports.pipeInput(report(DEFAULT_V1, 0, "psi"));
        reports.pipeInput(report(DEFAULT_V1, 1, "psi"));
        reports.pipeInput(report(DEFAULT_V2, 2, "psi"));
        reports.pipeInput(report(DEFAULT_V2, 3, "psi"));
        assertTrue(requests.isEmpty());

        reports.pipeInput(report(DEFAULT_V2, 4, "psi"));

        assertEquals("2", requests.readValue().getModelVersion());
    }

    @Test
    void repeatedAndLateReportsAreIgnored() {
        start(3, Duration.ZERO, 0);
        reports.pipeInput(report(DEFAULT_V1, 0, "psi"));
        reports.pipeInput(report(DEFAULT_V1, 1, "psi"));
        reports.pipeInput(report(DEFAULT_V1, 1, "psi"));
        reports.pipeInput(report(DEFAULT_V1, 0, "psi"));
        assertTrue(requests.isEmpty(), "a replayed window is not a third window");

        reports.pipeInput(report(DEFAULT_V1, 2, "psi"));

        assertEquals(3, requests.readValue().getEvidence().size());
    }
}
