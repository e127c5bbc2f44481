package io.streamnlp.retrainer.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.drift.DriftCalculator;
import io.streamnlp.drift.DriftReports;
import io.streamnlp.drift.DriftResult;
import io.streamnlp.drift.DriftThresholds;
import io.streamnlp.drift.DriftWindow;
import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.drift.ReferenceProfileBuilder;
import io.streamnlp.drift.SyntheticTraffic;
import io.streamnlp.localstack.ApicurioRegistry;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.avro.RetrainRequest;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product targets end to end through the drift computation and the trigger with its default configuration
 * (default thresholds, K = 3, cooldown 1 h, 50 feedback labels), on seeded synthetic traffic in windows of 200:
 * no retrain request over 60 stationary windows, and a request within 3 windows of a real shift.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(120)
class DetectionTargetsTest {

    private static final int WINDOW = 200;
    private static final ModelRef MODEL = Reports.model("default", "1");

    @Test
    void noRequestOverSixtyStationaryWindowsAndARequestWithinThreeWindowsOfAShift(
            ApicurioRegistry registry, @TempDir Path stateDir) {
        TriggerSerdes serdes = TriggerSerdes.fromRegistry(registry.confluentUrl());
        TriggerConfig config = TriggerConfig.of(
                "topology-test-driver:9092",
                registry.confluentUrl(),
                Map.of(TriggerConfig.STATE_DIR, stateDir.toString()));
        ReferenceProfile reference = new ReferenceProfileBuilder()
                .addAll(SyntheticTraffic.stationary(1L).next(5000))
                .build();
        DriftCalculator calculator = new DriftCalculator(DriftThresholds.defaults());

        try (TopologyTestDriver driver =
                new TopologyTestDriver(TriggerTopology.build(config, serdes), config.streamsProperties())) {
            TestInputTopic<byte[], DriftReport> reports = driver.createInputTopic(
                    config.driftTopic(),
                    new ByteArraySerializer(),
                    serdes.driftReports().serializer());
            TestInputTopic<byte[], Feedback> feedback = driver.createInputTopic(
                    config.feedbackTopic(),
                    new ByteArraySerializer(),
                    serdes.feedback().serializer());
            TestOutputTopic<String, RetrainRequest> requests = driver.createOutputTopic(
                    config.requestTopic(),
                    new StringDeserializer(),
                    serdes.retrainRequests().deserializer());
            for (int i = 0; i < 2 * config.minFeedback(); i++) {
                feedback.pipeInput(Reports.feedback(MODEL, SyntheticTraffic.TASK, i));
            }

            SyntheticTraffic stationary = SyntheticTraffic.stationary(2L);
            int window = 0;
            for (; window < 60; window++) {
                reports.pipeInput(report(calculator, reference, stationary, window));
            }
            assertTrue(requests.isEmpty(), "a retrain was requested on stationary traffic");

            SyntheticTraffic shifted = SyntheticTraffic.shifted(3L);
            int shiftedWindows = 0;
            while (requests.isEmpty() && shiftedWindows < 10) {
                reports.pipeInput(report(calculator, reference, shifted, window++));
                shiftedWindows++;
            }
            assertTrue(shiftedWindows <= 3, "the shift was requested after " + shiftedWindows + " windows");
            assertEquals(SyntheticTraffic.TASK, requests.readValue().getTask());
        }
    }

    private static DriftReport report(
            DriftCalculator calculator, ReferenceProfile reference, SyntheticTraffic traffic, int window) {
        DriftWindow live = new DriftWindow();
        traffic.next(WINDOW).forEach(live::add);
        DriftResult result = calculator.compute(reference, live, SyntheticTraffic.TASK);
        return DriftReports.toAvro(
                result, MODEL, Reports.windowEnd(window).minus(Reports.WINDOW), Reports.windowEnd(window));
    }
}
