package io.streamnlp.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.stats.LatencyHistogram;
import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.EnrichmentStats;
import io.streamnlp.schemas.avro.EntityCount;
import io.streamnlp.schemas.avro.TaskStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.data.Offset;

/**
 * The enrichment-stats topic as read back (the latest revision of each tenant's window), checked against what the job
 * wrote to its other topics: every window's numbers are recomputed from the enriched records, review and block ids
 * and dead letters whose event time falls in it.
 */
final class StatsTopic {
    private final long windowMs;
    /** Latest revision by {@code tenant@windowStartMillis}. */
    private final Map<String, EnrichmentStats> windows;

    /** @param records the stats topic, keyed by tenant */
    StatsTopic(List<ConsumerRecord<byte[], EnrichmentStats>> records, long windowMs) {
        this.windowMs = windowMs;
        this.windows = latestRevisions(records);
    }

    /** Whether the latest windows hold {@code events} enriched records and {@code deadLetters} dead letters in all. */
    static boolean holds(List<ConsumerRecord<byte[], EnrichmentStats>> records, long events, long deadLetters) {
        Map<String, EnrichmentStats> latest = latestRevisions(records);
        return latest.values().stream().mapToLong(EnrichmentStats::getEvents).sum() == events
                && latest.values().stream()
                                .flatMap(s -> s.getDeadLetters().values().stream())
                                .mapToLong(Long::longValue)
                                .sum()
                        == deadLetters;
    }

    /** A later revision of a window replaces an earlier one, as a dashboard keeps it. */
    private static Map<String, EnrichmentStats> latestRevisions(List<ConsumerRecord<byte[], EnrichmentStats>> records) {
        Map<String, EnrichmentStats> latest = new TreeMap<>();
        for (ConsumerRecord<byte[], EnrichmentStats> r : records) {
            EnrichmentStats s = r.value();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(s.getTenant());
            latest.merge(
                    s.getTenant() + "@" + s.getWindowStart().toEpochMilli(),
                    s,
                    (a, b) -> b.getRevision() > a.getRevision() ? b : a);
        }
        return latest;
    }

    /** Asserts every window (and no other) against the records whose event time falls in it. */
    void assertMatches(
            List<EnrichedEvent> enriched,
            Set<String> reviewedIds,
            Set<String> blockedIds,
            List<DeadLetter> deadLetters,
            Function<DeadLetter, String> tenantOf) {
        Map<String, List<EnrichedEvent>> events = new HashMap<>();
        for (EnrichedEvent e : enriched) {
            events.computeIfAbsent(
                            key(
                                    e.getEvent().getTenant(),
                                    e.getEvent().getCreatedAt().toEpochMilli()),
                            k -> new ArrayList<>())
                    .add(e);
        }
        Map<String, Map<String, Long>> dead = new HashMap<>();
        for (DeadLetter d : deadLetters) {
            dead.computeIfAbsent(key(tenantOf.apply(d), d.getRecordTimestamp().toEpochMilli()), k -> new TreeMap<>())
                    .merge(d.getReason().name(), 1L, Long::sum);
        }
        Set<String> expectedWindows = new java.util.TreeSet<>(events.keySet());
        expectedWindows.addAll(dead.keySet());
        assertThat(windows.keySet()).isEqualTo(expectedWindows);
        windows.forEach((key, s) -> {
            List<EnrichedEvent> in = events.getOrDefault(key, List.of());
            assertThat(s.getWindowEnd().toEpochMilli() - s.getWindowStart().toEpochMilli())
                    .isEqualTo(windowMs);
            assertThat(s.getEvents()).as(key).isEqualTo(in.size());
            assertThat(s.getLateEvents()).as(key).isZero();
            long reviewed = in.stream().filter(e -> reviewedIds.contains(id(e))).count();
            long blocked = in.stream().filter(e -> blockedIds.contains(id(e))).count();
            assertThat(s.getReviewed()).as(key).isEqualTo(reviewed);
            assertThat(s.getBlocked()).as(key).isEqualTo(blocked);
            assertThat(s.getReviewShare()).isEqualTo(in.isEmpty() ? 0 : (double) reviewed / in.size());
            assertThat(s.getBlockShare()).isEqualTo(in.isEmpty() ? 0 : (double) blocked / in.size());
            assertLatencies(s, in);
            assertTasks(s, in);
            assertEntities(s, in);
            assertThat(s.getDeadLetters()).as(key).isEqualTo(dead.getOrDefault(key, Map.of()));
        });
    }

    private static void assertLatencies(EnrichmentStats s, List<EnrichedEvent> in) {
        List<Long> latencies = in.stream()
                .map(e -> Math.max(
                        0,
                        e.getProcessedAt().toEpochMilli()
                                - e.getEvent().getCreatedAt().toEpochMilli()))
                .sorted()
                .toList();
        assertThat(s.getLatencyP50Ms()).isEqualTo(LatencyHistogram.bucket(nearestRank(latencies, 0.50)));
        assertThat(s.getLatencyP99Ms()).isEqualTo(LatencyHistogram.bucket(nearestRank(latencies, 0.99)));
    }

    private static void assertTasks(EnrichmentStats s, List<EnrichedEvent> in) {
        Map<String, Map<String, Long>> labels = new TreeMap<>();
        Map<String, Double> confidence = new HashMap<>();
        for (EnrichedEvent e : in) {
            for (Classification c : e.getClassifications()) {
                labels.computeIfAbsent(c.getTask(), t -> new TreeMap<>()).merge(c.getLabel(), 1L, Long::sum);
                confidence.merge(c.getTask(), (double) c.getScore(), Double::sum);
            }
        }
        assertThat(s.getTasks()).extracting(TaskStats::getTask).containsExactlyElementsOf(labels.keySet());
        for (TaskStats t : s.getTasks()) {
            assertThat(t.getLabelCounts()).isEqualTo(labels.get(t.getTask()));
            assertThat(t.getMeanConfidence()).isCloseTo(confidence.get(t.getTask()) / in.size(), Offset.offset(1e-6));
            assertThat(in.get(0).getClassifications().get(0).getModel()).isEqualTo(t.getModel());
        }
    }

    private static void assertEntities(EnrichmentStats s, List<EnrichedEvent> in) {
        Map<List<String>, Long> counts = new HashMap<>();
        in.forEach(e ->
                e.getEntities().forEach(ent -> counts.merge(List.of(ent.getType(), ent.getText()), 1L, Long::sum)));
        assertThat(s.getTopEntities()).hasSize(Math.min(10, counts.size()));
        for (EntityCount c : s.getTopEntities()) {
            assertThat(c.getCount()).isEqualTo(counts.get(List.of(c.getType(), c.getText())));
        }
        long smallestListed = s.getTopEntities().stream()
                .mapToLong(EntityCount::getCount)
                .min()
                .orElse(0);
        assertThat(counts.values().stream().filter(n -> n > smallestListed).count())
                .as("no entity left out is more frequent than one listed")
                .isLessThanOrEqualTo(s.getTopEntities().size());
    }

    private static long nearestRank(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.max(0, Math.ceil(p * sorted.size()) - 1));
    }

    private String key(String tenant, long eventTime) {
        return tenant + "@" + (eventTime - Math.floorMod(eventTime, windowMs));
    }

    private static String id(EnrichedEvent e) {
        return e.getEvent().getId();
    }
}
