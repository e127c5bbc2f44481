package io.streamnlp.flink.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.LabelScore;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.avro.Moderation;
import io.streamnlp.schemas.avro.ModerationAction;
import io.streamnlp.schemas.avro.TextEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The moderation step on Flink's operator harness: which document decides, before and after a restore. */
class ModerationFunctionTest {
    static String policy(int version, double block) {
        return "{\"name\": \"main\", \"version\": " + version + ", \"tenants\": {\"default\": {\"thresholds\":"
                + " {\"moderation\": {\"toxic\": {\"review\": 0.3, \"block\": " + block + "}}}}}}";
    }

    static final String V1 = policy(1, 0.9);
    /** Blocks from 0.5: a text scored 0.6 moves from review to block. */
    static final String V2 = policy(2, 0.5);

    @Test
    void theDocumentReadAtBuildDecidesUntilANewerValidVersionArrives() throws Exception {
        try (BroadcastOperatorTestHarness<EnrichedEvent, String, EnrichedEvent> h = harness(V1)) {
            h.open();
            h.processElement(enriched("a", 0.6f), 1);
            h.processBroadcastElement("{\"name\": \"main\", \"version\": 5}", 2);
            h.processElement(enriched("b", 0.6f), 3);
            h.processBroadcastElement(V2, 4);
            h.processBroadcastElement(V1, 5);
            h.processElement(enriched("c", 0.6f), 6);

            List<Moderation> decided = h.extractOutputValues().stream()
                    .map(EnrichedEvent::getModeration)
                    .toList();
            assertThat(decided).extracting(Moderation::getPolicyVersion).containsExactly(1L, 1L, 2L);
            assertThat(decided)
                    .extracting(Moderation::getAction)
                    .containsExactly(ModerationAction.REVIEW, ModerationAction.REVIEW, ModerationAction.BLOCK);
            assertThat(ids(h, ModerationFunction.TO_REVIEW)).containsExactly("a", "b");
            assertThat(ids(h, ModerationFunction.BLOCKED)).containsExactly("c");
        }
    }

    @Test
    void aRestoreDecidesWithTheCheckpointedVersionNotTheOneReadAtBuild() throws Exception {
        OperatorSubtaskState snapshot;
        try (BroadcastOperatorTestHarness<EnrichedEvent, String, EnrichedEvent> h = harness(V1)) {
            h.open();
            h.processBroadcastElement(V2, 1);
            snapshot = h.snapshot(1, 2);
        }
        try (BroadcastOperatorTestHarness<EnrichedEvent, String, EnrichedEvent> restored = harness(V1)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(enriched("a", 0.6f), 3);
            assertThat(restored.extractOutputValues().get(0).getModeration().getPolicyVersion())
                    .isEqualTo(2);
        }
    }

    @Test
    void withoutAPolicyRecordsPassUndecided() throws Exception {
        try (BroadcastOperatorTestHarness<EnrichedEvent, String, EnrichedEvent> h = harness(null)) {
            h.open();
            h.processElement(enriched("a", 0.99f), 1);
            assertThat(h.extractOutputValues().get(0).getModeration()).isNull();
            assertThat(h.getSideOutput(ModerationFunction.BLOCKED)).isNull();
        }
    }

    private static BroadcastOperatorTestHarness<EnrichedEvent, String, EnrichedEvent> harness(String atBuild)
            throws Exception {
        return new BroadcastOperatorTestHarness<>(
                new CoBroadcastWithNonKeyedOperator<>(
                        new ModerationFunction("main", atBuild), List.of(ModerationFunction.POLICY)),
                1,
                1,
                0);
    }

    private static List<String> ids(
            BroadcastOperatorTestHarness<EnrichedEvent, String, EnrichedEvent> h,
            org.apache.flink.util.OutputTag<EnrichedEvent> tag) {
        return h.getSideOutput(tag).stream()
                .map(StreamRecord::getValue)
                .map(e -> e.getEvent().getId())
                .toList();
    }

    static EnrichedEvent enriched(String id, float toxic) {
        ModelRef model = new ModelRef("default", "1", "sha256:0");
        return EnrichedEvent.newBuilder()
                .setEvent(TextEvent.newBuilder()
                        .setId(id)
                        .setTenant("acme")
                        .setSource("chat")
                        .setText("some text")
                        .setCreatedAt(Instant.EPOCH)
                        .setAttributes(Map.of())
                        .build())
                .setClassifications(List.of(new Classification(
                        "moderation",
                        toxic >= 0.5f ? "toxic" : "ok",
                        Math.max(toxic, 1 - toxic),
                        List.of(new LabelScore("toxic", toxic), new LabelScore("ok", 1 - toxic)),
                        model)))
                .setEntities(List.of())
                .setBatchId("b")
                .setBatchSize(1)
                .setProcessingLatencyMs(1)
                .setProcessedAt(Instant.EPOCH)
                .build();
    }
}
