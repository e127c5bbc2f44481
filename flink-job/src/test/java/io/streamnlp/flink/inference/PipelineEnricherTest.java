package io.streamnlp.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.sink.AvroRecordSerializationSchema;
import io.streamnlp.flink.sink.OutputLimit;
import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.serde.AvroRecordSerializer;
import io.streamnlp.training.bundle.DefaultBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Per-event failure isolation on the real default model, with faults injected into its classifier. */
@Timeout(300)
class PipelineEnricherTest {
    private static final String MARKER = "POISON-PILL";

    @TempDir
    static Path registryDir;

    private final List<Enricher> open = new ArrayList<>();

    @BeforeAll
    static void defaultModel() {
        DefaultBundle.ensure(ModelStore.open(registryDir));
    }

    @AfterEach
    void close() {
        open.forEach(Enricher::close);
    }

    private Enricher enricher(
            Map<String, String> overrides,
            java.util.function.Consumer<io.streamnlp.inference.encoder.EncodedBatch> fault) {
        Map<String, String> m = new HashMap<>(overrides);
        m.put("model.registry.dir", registryDir.toString());
        m.put("drift.enabled", "false");
        m.put("inference.intra-op-threads", "1");
        JobConfig config = JobConfig.of(m);
        Enricher e = new PipelineEnricher(
                config,
                FaultyModels.withFault(new ModelLoader(config).load(), fault),
                0,
                new UnregisteredMetricsGroup());
        open.add(e);
        return e;
    }

    /** Admits the events and enriches them as one batch, as the operator would run a full batch. */
    private static Enricher.Outcome enrichAsOneBatch(Enricher enricher, List<PendingEvent> events) {
        List<QueuedEvent> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            batch.add(
                    new QueuedEvent(events.get(i), enricher.admit(events.get(i)).tokens(), i));
        }
        return enricher.enrich(batch);
    }

    /** The enriched events of an outcome, in batch order, without the places of the dead-lettered ones. */
    private static List<EnrichedEvent> enriched(Enricher.Outcome outcome) {
        return outcome.enriched().stream().filter(java.util.Objects::nonNull).toList();
    }

    private static List<PendingEvent> events(List<String> texts) {
        List<PendingEvent> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            TextEvent e = TextEvent.newBuilder()
                    .setId("e-" + i)
                    .setTenant("acme")
                    .setSource("chat")
                    .setText(texts.get(i))
                    .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                    .setAttributes(Map.of())
                    .build();
            byte[] value = ("original bytes of e-" + i + " " + texts.get(i)).getBytes(StandardCharsets.UTF_8);
            out.add(new PendingEvent(
                    e,
                    new RawRecord(
                            e.getId().getBytes(StandardCharsets.UTF_8),
                            value,
                            "in",
                            0,
                            i,
                            0L,
                            System.currentTimeMillis())));
        }
        return out;
    }

    private static List<String> tickets(int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add("Ticket " + i + ": my parcel is late and the tracking page shows no update since Monday.");
        }
        return texts;
    }

    @Test
    void oneFailingEventCostsOnlyItselfAndTheRestKeepTheirOrder() {
        List<String> texts = tickets(20);
        texts.set(13, "Ticket 13 " + MARKER + ": the model throws on this one.");
        Enricher.Outcome outcome =
                enrichAsOneBatch(enricher(Map.of(), FaultyModels.throwOnText(MARKER)), events(texts));

        assertThat(enriched(outcome))
                .extracting(e -> e.getEvent().getId())
                .containsExactlyElementsOf(events(texts).stream()
                        .map(p -> p.event.getId())
                        .filter(id -> !id.equals("e-13"))
                        .toList());
        assertThat(outcome.failed()).hasSize(1);
        DeadLetter d = outcome.failed().get(0);
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.INFERENCE_FAILED);
        assertThat(d.getOffset()).isEqualTo(13);
        assertThat(d.getMessage()).contains("injected failure on a text containing " + MARKER);
        assertThat(enriched(outcome))
                .allSatisfy(e -> assertThat(e.getClassifications()).isNotEmpty());
    }

    @Test
    void everyFailingEventIsIsolatedEvenWhenSeveralShareABatch() {
        List<String> texts = tickets(16);
        for (int i : new int[] {0, 7, 8, 15}) {
            texts.set(i, "Ticket " + i + " " + MARKER);
        }
        Enricher.Outcome outcome =
                enrichAsOneBatch(enricher(Map.of(), FaultyModels.throwOnText(MARKER)), events(texts));
        assertThat(outcome.failed()).extracting(DeadLetter::getOffset).containsExactlyInAnyOrder(0L, 7L, 8L, 15L);
        assertThat(enriched(outcome)).hasSize(12);
    }

    @Test
    void outOfMemoryOnABigBatchIsRetriedWithSmallerBatchesAndLosesNothing() {
        Enricher.Outcome outcome =
                enrichAsOneBatch(enricher(Map.of(), FaultyModels.outOfMemoryAbove(3)), events(tickets(20)));
        assertThat(outcome.failed()).isEmpty();
        assertThat(enriched(outcome)).hasSize(20);
        assertThat(enriched(outcome))
                .allSatisfy(e -> assertThat(e.getBatchSize()).isLessThanOrEqualTo(3));
    }

    @Test
    void anEnrichedRecordOverTheOutputLimitBecomesACappedDeadLetter() {
        List<String> texts = tickets(3);
        texts.set(1, "refund ".repeat(12_000));
        Map<String, String> limits = Map.of("output.max-record-bytes", "65536", "output.dead-letter-bytes-cap", "1000");
        Enricher.Outcome outcome = enrichAsOneBatch(enricher(limits, batch -> {}), events(texts));

        assertThat(enriched(outcome))
                .extracting(EnrichedEvent::getEvent)
                .extracting(TextEvent::getId)
                .containsExactly("e-0", "e-2");
        assertThat(outcome.failed()).hasSize(1);
        DeadLetter d = outcome.failed().get(0);
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.OUTPUT_TOO_LARGE);
        assertThat(d.getTopic()).isEqualTo("in");
        assertThat(d.getOffset()).isEqualTo(1);
        assertThat(d.getValue().remaining()).isEqualTo(1000);
        assertThat(d.getMessage())
                .contains("output.max-record-bytes=65536")
                .contains("cut to its first 1000 of")
                .contains("in-0 at offset 1");
    }

    @Test
    void withModerationOnTheOutputLimitKeepsRoomForTheDecision() {
        List<String> texts = List.of("refund ".repeat(12_000));
        EnrichedEvent alone = enriched(enrichAsOneBatch(enricher(Map.of(), batch -> {}), events(texts)))
                .get(0);
        int size = OutputLimit.wireSize(
                AvroRecordSerializationSchema.enrichedKey(alone),
                AvroRecordSerializer.<EnrichedEvent>fromConfig(
                                JobConfig.of(Map.of()).registry().clientConfig(), false)
                        .serializedSize(alone));
        // room for the record, but less than Decision.MAX_BYTES beside it
        Map<String, String> limit =
                Map.of("output.max-record-bytes", Integer.toString(size + 100), "output.dead-letter-bytes-cap", "1000");
        assertThat(enriched(enrichAsOneBatch(enricher(limit, batch -> {}), events(texts))))
                .hasSize(1);

        Map<String, String> moderated = new HashMap<>(limit);
        moderated.put("moderation.enabled", "true");
        Enricher.Outcome outcome = enrichAsOneBatch(enricher(moderated, batch -> {}), events(texts));
        assertThat(enriched(outcome)).isEmpty();
        assertThat(outcome.failed().get(0).getReason()).isEqualTo(DeadLetterReason.OUTPUT_TOO_LARGE);
    }
}
