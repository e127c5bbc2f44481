package io.streamnlp.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.moderation.ModerationPolicy;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.Moderation;
import io.streamnlp.schemas.avro.ModerationAction;
import io.streamnlp.schemas.avro.TextEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveStatsTest {
    @Test
    void theLiveViewCountsModerationActions() {
        LiveStats stats = new LiveStats();
        assertFalse(stats.render(0, 0, false).contains("moderation"));
        stats.onEnriched(enriched("a", ModerationAction.ALLOW, true), 5, null);
        stats.onEnriched(enriched("b", ModerationAction.REVIEW, false), 5, null);
        stats.onEnriched(enriched("c", ModerationAction.BLOCK, false), 5, null);
        stats.onEnriched(enriched("d", ModerationAction.ALLOW, false), 5, null);
        String view = stats.render(4, 1, false);
        assertTrue(view.contains("moderation (default v1): allow 2  review 1  block 1  audited 1"), view);
    }

    @Test
    void theShippedPolicyIsValid() throws Exception {
        ModerationPolicy p = ModerationPolicy.parse(DemoStack.defaultPolicy());
        assertEquals("default", p.name());
    }

    private static EnrichedEvent enriched(String id, ModerationAction action, boolean audited) {
        return EnrichedEvent.newBuilder()
                .setEvent(TextEvent.newBuilder()
                        .setId(id)
                        .setTenant("t")
                        .setSource("chat")
                        .setText("x")
                        .setCreatedAt(Instant.EPOCH)
                        .setAttributes(Map.of())
                        .build())
                .setClassifications(List.of())
                .setEntities(List.of())
                .setBatchId("b")
                .setBatchSize(1)
                .setProcessingLatencyMs(1)
                .setProcessedAt(Instant.EPOCH)
                .setModeration(new Moderation(action, null, "default", 1L, audited))
                .build();
    }
}
