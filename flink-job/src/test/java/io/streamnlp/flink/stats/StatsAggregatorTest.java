package io.streamnlp.flink.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.schemas.avro.EnrichmentStats;
import io.streamnlp.schemas.avro.EntityCount;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.avro.TaskStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Windows, revisions and late records of the stats step, driven by hand-set watermarks in Flink's operator harness. */
class StatsAggregatorTest {
    /** The start of a one-minute window. */
    static final long T0 = 1_699_999_980_000L;

    static final long MINUTE = 60_000;
    static final ModelRef V1 = new ModelRef("default", "1", "sha256:1");
    static final ModelRef V2 = new ModelRef("default", "2", "sha256:2");

    private KeyedOneInputStreamOperatorTestHarness<String, StatsSample, EnrichmentStats> harness;

    @BeforeEach
    void open() throws Exception {
        JobConfig.Stats config = new JobConfig.Stats(
                true, "stats", Duration.ofMinutes(1), Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new StatsAggregator(config)), s -> s.tenant, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aWindowIsEmittedWithItsAggregatesOnceTheWatermarkPassesItsEnd() throws Exception {
        add(enriched("acme", T0 + 1_000, 100, "shipping", 0.9, V1, false, false, "ORDER_ID", "ORD-1"));
        add(enriched("acme", T0 + 2_000, 200, "billing", 0.6, V1, true, false, "ORDER_ID", "ORD-1"));
        add(enriched("acme", T0 + 3_000, 300, "shipping", 0.7, V1, false, true, "PERSON", "Ann"));
        add(enriched("acme", T0 + 4_000, 5_000, "shipping", 0.8, V2, false, false, "ORDER_ID", "ORD-2"));
        add(deadLetter("acme", T0 + 5_000, "EMPTY_TEXT"));
        add(deadLetter("unknown", T0 + 6_000, "BAD_MAGIC_BYTE"));
        add(enriched("globex", T0 + 59_999, 50, "billing", 0.5, V1, false, false, "PERSON", "Bo"));

        harness.processWatermark(T0 + MINUTE - 2);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(T0 + MINUTE - 1);

        Map<String, EnrichmentStats> byTenant = byTenant(harness.extractOutputValues());
        assertThat(byTenant).containsOnlyKeys("acme", "globex", "unknown");
        EnrichmentStats acme = byTenant.get("acme");
        assertThat(acme.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(acme.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + MINUTE));
        assertThat(acme.getRevision()).isZero();
        assertThat(acme.getEvents()).isEqualTo(4);
        assertThat(acme.getLateEvents()).isZero();
        assertThat(acme.getLatencyP50Ms()).isEqualTo(200);
        assertThat(acme.getLatencyP99Ms()).isEqualTo(5_000);
        assertThat(acme.getReviewed()).isEqualTo(1);
        assertThat(acme.getBlocked()).isEqualTo(1);
        assertThat(acme.getReviewShare()).isEqualTo(0.25);
        assertThat(acme.getBlockShare()).isEqualTo(0.25);
        TaskStats category = acme.getTasks().get(0);
        assertThat(category.getTask()).isEqualTo("category");
        assertThat(category.getLabelCounts()).isEqualTo(Map.of("shipping", 3L, "billing", 1L));
        assertThat(category.getMeanConfidence()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(category.getModel()).as("the last classification's model").isEqualTo(V2);
        assertThat(acme.getTopEntities())
                .containsExactly(
                        new EntityCount("ORDER_ID", "ORD-1", 2L),
                        new EntityCount("ORDER_ID", "ORD-2", 1L),
                        new EntityCount("PERSON", "Ann", 1L));
        assertThat(acme.getDeadLetters()).isEqualTo(Map.of("EMPTY_TEXT", 1L));

        EnrichmentStats unknown = byTenant.get("unknown");
        assertThat(unknown.getEvents()).isZero();
        assertThat(unknown.getLatencyP50Ms()).isZero();
        assertThat(unknown.getReviewShare()).isZero();
        assertThat(unknown.getDeadLetters()).isEqualTo(Map.of("BAD_MAGIC_BYTE", 1L));
        assertThat(byTenant.get("globex").getEvents()).isEqualTo(1);
    }

    @Test
    void theTopEntitiesAreTheTenMostFrequentTiesByTypeThenText() throws Exception {
        for (int i = 0; i < 12; i++) {
            for (int n = 0; n <= i % 3; n++) {
                add(enriched("acme", T0 + i, 10, "shipping", 0.9, V1, false, false, "E" + (i % 2), "t" + i));
            }
        }
        harness.processWatermark(T0 + MINUTE);

        List<EntityCount> top = harness.extractOutputValues().get(0).getTopEntities();
        assertThat(top).hasSize(10);
        assertThat(top.subList(0, 4))
                .extracting(EntityCount::getText)
                .as("count 3, then type E0 before E1, then text")
                .containsExactly("t2", "t8", "t11", "t5");
        assertThat(top).extracting(EntityCount::getCount).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void aRecordWithinTheAllowedLatenessEmitsItsWindowAgainWithTheNextRevision() throws Exception {
        add(enriched("acme", T0 + 1_000, 100, "shipping", 0.9, V1, false, false));
        harness.processWatermark(T0 + MINUTE + 5_000);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(s -> {
            assertThat(s.getRevision()).isZero();
            assertThat(s.getEvents()).isEqualTo(1);
        });

        add(enriched("acme", T0 + 30_000, 300, "billing", 0.5, V1, false, false));
        add(deadLetter("acme", T0 + 31_000, "TEXT_TOO_LONG"));

        List<EnrichmentStats> out = harness.extractOutputValues();
        assertThat(out).hasSize(3);
        assertThat(out.get(1).getRevision()).isEqualTo(1);
        assertThat(out.get(1).getEvents()).isEqualTo(2);
        assertThat(out.get(1).getLatencyP99Ms()).isEqualTo(300);
        assertThat(out.get(2).getRevision()).isEqualTo(2);
        assertThat(out.get(2).getDeadLetters()).isEqualTo(Map.of("TEXT_TOO_LONG", 1L));
        assertThat(out.get(2).getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
    }

    @Test
    void aRecordPastTheAllowedLatenessIsCountedInTheWindowOpenWhenItArrives() throws Exception {
        add(enriched("acme", T0 + 1_000, 100, "shipping", 0.9, V1, false, false));
        // the first window's last instant plus 30 s of lateness
        harness.processWatermark(T0 + MINUTE - 1 + 30_000);
        assertThat(harness.numKeyedStateEntries())
                .as("the first window is cleared")
                .isZero();

        add(enriched("acme", T0 + 2_000, 100, "shipping", 0.9, V1, false, false));
        add(deadLetter("acme", T0 + 3_000, "EMPTY_TEXT"));
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.processWatermark(T0 + 2 * MINUTE - 1);
        List<EnrichmentStats> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        EnrichmentStats open = out.get(1);
        assertThat(open.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0 + MINUTE));
        assertThat(open.getRevision()).isZero();
        assertThat(open.getEvents()).isZero();
        assertThat(open.getLateEvents()).isEqualTo(2);
        assertThat(open.getDeadLetters()).isEmpty();

        harness.processWatermark(T0 + 2 * MINUTE - 1 + 30_000);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void eachTenantHasItsOwnWindows() throws Exception {
        add(enriched("acme", T0 + 1_000, 100, "shipping", 0.9, V1, false, false));
        add(enriched("acme", T0 + MINUTE + 1_000, 100, "shipping", 0.9, V1, false, false));
        add(enriched("globex", T0 + 1_000, 100, "shipping", 0.9, V1, false, false));
        harness.processWatermark(T0 + MINUTE);

        assertThat(harness.extractOutputValues())
                .extracting(EnrichmentStats::getTenant, s -> s.getWindowStart().toEpochMilli())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("acme", T0),
                        org.assertj.core.groups.Tuple.tuple("globex", T0));
    }

    @Test
    void samplesAndWindowStateAreSerializedWithoutKryo() {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        for (Class<?> type : List.of(StatsSample.class, WindowStats.class)) {
            assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
            // throws when any field, however deep, would fall back to Kryo
            TypeInformation.of(type).createSerializer(noKryo);
        }
    }

    private void add(StatsSample s) throws Exception {
        harness.processElement(new StreamRecord<>(s, s.eventTime));
    }

    private static Map<String, EnrichmentStats> byTenant(List<EnrichmentStats> out) {
        return out.stream().collect(java.util.stream.Collectors.toMap(EnrichmentStats::getTenant, s -> s));
    }

    static StatsSample enriched(
            String tenant,
            long eventTime,
            long latencyMs,
            String category,
            double score,
            ModelRef model,
            boolean reviewed,
            boolean blocked,
            String... entityTypeAndText) {
        StatsSample s = new StatsSample();
        s.tenant = tenant;
        s.eventTime = eventTime;
        s.latencyMs = latencyMs;
        s.reviewed = reviewed;
        s.blocked = blocked;
        s.tasks.add(new StatsSample.TaskResult("category", category, score, model));
        for (int i = 0; i < entityTypeAndText.length; i += 2) {
            s.entities.add(new StatsSample.EntityMention(entityTypeAndText[i], entityTypeAndText[i + 1]));
        }
        return s;
    }

    static StatsSample deadLetter(String tenant, long eventTime, String reason) {
        StatsSample s = new StatsSample();
        s.tenant = tenant;
        s.eventTime = eventTime;
        s.deadLetterReason = reason;
        return s;
    }
}
