package io.streamnlp.schemas;

import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.DriftEvidence;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.Entity;
import io.streamnlp.schemas.avro.EntitySpan;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.LabelScore;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.ModelEventType;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.avro.Moderation;
import io.streamnlp.schemas.avro.ModerationAction;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.avro.Summary;
import io.streamnlp.schemas.avro.TextEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated instance of every topic record type. */
public final class Samples {
    public static final Instant T0 = Instant.ofEpochMilli(1_790_000_000_123L);

    private Samples() {}

    public static ModelRef model(String name) {
        return ModelRef.newBuilder()
                .setName(name)
                .setVersion("3")
                .setDigest("sha256:" + "ab".repeat(32))
                .build();
    }

    public static TextEvent textEvent(String id) {
        return TextEvent.newBuilder()
                .setId(id)
                .setTenant("acme")
                .setSource("email")
                .setText("My order #A-1234 from Zürich never arrived — please refund 😀")
                .setLanguage("en")
                .setCreatedAt(T0)
                .setAttributes(Map.of("channel", "web", "priority", "high"))
                .build();
    }

    public static EnrichedEvent enriched() {
        return EnrichedEvent.newBuilder()
                .setEvent(textEvent("e-1"))
                .setClassifications(List.of(Classification.newBuilder()
                        .setTask("category")
                        .setLabel("refund")
                        .setScore(0.91f)
                        .setTopK(List.of(
                                LabelScore.newBuilder()
                                        .setLabel("refund")
                                        .setScore(0.91f)
                                        .build(),
                                LabelScore.newBuilder()
                                        .setLabel("delivery")
                                        .setScore(0.05f)
                                        .build()))
                        .setModel(model("default"))
                        .build()))
                .setEntities(List.of(Entity.newBuilder()
                        .setType("ORDER_ID")
                        .setText("A-1234")
                        .setStart(10)
                        .setEnd(16)
                        .setScore(0.8f)
                        .build()))
                .setEntitiesModel(model("ner"))
                .setSummary(Summary.newBuilder()
                        .setText("Order never arrived.")
                        .setMethod("extractive")
                        .setModel(model("sum"))
                        .build())
                .setBatchId("b-7")
                .setBatchSize(8)
                .setProcessingLatencyMs(42)
                .setProcessedAt(T0.plusMillis(42))
                .setFlags(List.of("truncated"))
                .setModeration(Moderation.newBuilder()
                        .setAction(ModerationAction.REVIEW)
                        .setRule("tenants.default.thresholds.category.refund.review")
                        .setPolicyName("default")
                        .setPolicyVersion(3)
                        .setAuditSampled(true)
                        .build())
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3, 0, (byte) 0xff}))
                .setTopic("text-events")
                .setPartition(2)
                .setOffset(12345L)
                .setReason(DeadLetterReason.BAD_MAGIC_BYTE)
                .setMessage("bad magic")
                .setRecordTimestamp(T0)
                .setFailedAt(T0.plusSeconds(1))
                .build();
    }

    public static DriftReport driftReport() {
        return DriftReport.newBuilder()
                .setModel(model("default"))
                .setTask("category")
                .setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(60))
                .setCount(500)
                .setLabelDistribution(Map.of("refund", 0.4, "delivery", 0.6))
                .setPsi(0.31)
                .setJsDistance(0.12)
                .setMeanConfidence(0.8)
                .setConfidenceShift(-0.05)
                .setMeanEntropy(0.7)
                .setEmbeddingCosineDistance(0.02)
                .setEmbeddingMmd(0.001)
                .setMeanLengthTokens(45.5)
                .setUnknownTokenRate(0.01)
                .setDrifted(true)
                .setDriftedMetrics(List.of("psi"))
                .setThresholds(Map.of("psi", 0.25))
                .build();
    }

    public static RetrainRequest retrainRequest() {
        return RetrainRequest.newBuilder()
                .setRequestId("r-1")
                .setModelName("default")
                .setModelVersion("3")
                .setTask("category")
                .setReason("psi 0.31 > 0.25 for 3 windows")
                .setEvidence(List.of(DriftEvidence.newBuilder()
                        .setMetric("psi")
                        .setValue(0.31)
                        .setThreshold(0.25)
                        .setWindowEnd(T0)
                        .build()))
                .setFeedbackCount(120)
                .setRequestedAt(T0)
                .build();
    }

    public static Feedback feedback() {
        return Feedback.newBuilder()
                .setEventId("e-1")
                .setText("My order #A-1234")
                .setTask("ner")
                .setLabel(null)
                .setEntities(List.of(EntitySpan.newBuilder()
                        .setType("ORDER_ID")
                        .setStart(10)
                        .setEnd(16)
                        .build()))
                .setModel(model("ner"))
                .setAnnotator("alice")
                .setCreatedAt(T0)
                .build();
    }

    public static ModelEvent modelEvent() {
        return ModelEvent.newBuilder()
                .setType(ModelEventType.ALIAS_SET)
                .setModelName("default")
                .setVersion("4")
                .setAlias("champion")
                .setPreviousVersion("3")
                .setDigest("sha256:" + "cd".repeat(32))
                .setTasks(List.of("category", "ner"))
                .setRegistryUrl(null)
                .setAt(T0)
                .build();
    }

    /** Every record type with its topic. */
    public static Map<String, SpecificRecord> allByTopic() {
        return Map.of(
                "text-events", textEvent("e-1"),
                "enriched-events", enriched(),
                "dead-letters", deadLetter(),
                "drift-metrics", driftReport(),
                "retrain-requests", retrainRequest(),
                "feedback", feedback(),
                "model-events", modelEvent(),
                "model-refs", model("default"));
    }
}
