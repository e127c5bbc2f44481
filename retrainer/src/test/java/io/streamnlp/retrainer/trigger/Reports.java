package io.streamnlp.retrainer.trigger;

import io.streamnlp.drift.DriftThresholds;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.ModelRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Drift reports and feedback labels for one-minute windows counted from a fixed start. */
final class Reports {

    static final Instant START = Instant.parse("2026-11-26T00:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(1);

    private Reports() {}

    static ModelRef model(String name, String version) {
        return ModelRef.newBuilder()
                .setName(name)
                .setVersion(version)
                .setDigest("sha256:" + "0".repeat(64))
                .build();
    }

    static Instant windowEnd(int window) {
        return START.plus(WINDOW.multipliedBy(window + 1L));
    }

    /** Window {@code window} of the model's {@code category} task, over threshold on {@code driftedMetrics}. */
    static DriftReport report(ModelRef model, int window, String... driftedMetrics) {
        List<String> drifted = List.of(driftedMetrics);
        return DriftReport.newBuilder()
                .setModel(model)
                .setTask("category")
                .setWindowStart(windowEnd(window).minus(WINDOW))
                .setWindowEnd(windowEnd(window))
                .setCount(200)
                .setLabelDistribution(Map.of("billing", 0.5, "cards", 0.5))
                .setPsi(drifted.contains("psi") ? 0.35 : 0.02)
                .setJsDistance(drifted.contains("js_distance") ? 0.25 : 0.05)
                .setMeanConfidence(0.8)
                .setConfidenceShift(0.0)
                .setDrifted(!drifted.isEmpty())
                .setDriftedMetrics(drifted)
                .setThresholds(DriftThresholds.defaults().asWireMap())
                .build();
    }

    static Feedback feedback(ModelRef model, String task, int n) {
        return Feedback.newBuilder()
                .setEventId("event-" + n)
                .setText("my card was charged twice")
                .setTask(task)
                .setLabel("billing")
                .setModel(model)
                .setAnnotator("reviewer")
                .setCreatedAt(START.plusSeconds(n))
                .build();
    }
}
