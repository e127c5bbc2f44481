package io.streamnlp.flink.stats;

import io.streamnlp.schemas.avro.EnrichmentStats;
import io.streamnlp.schemas.avro.EntityCount;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.avro.TaskStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The running aggregates of one tenant's window, and the {@link EnrichmentStats} they make. A Flink POJO (state). */
public class WindowStats {
    static final int TOP_ENTITIES = 10;
    /** Separates an entity's type from its text in {@link #entities}' keys; types are names, never holding it. */
    private static final char ENTITY_KEY_SEPARATOR = '\u0000';

    public long windowStart;
    /** Revision of the last emission; -1 before the first. */
    public int revision = -1;

    public long events;
    public long lateEvents;
    public long reviewed;
    public long blocked;
    /** Latency bucket to count ({@link LatencyHistogram}). */
    public Map<Long, Long> latencies = new HashMap<>();

    public Map<String, TaskAggregate> tasks = new HashMap<>();
    /** {@code type + '\0' + text} to count. */
    public Map<String, Long> entities = new HashMap<>();
    /** Dead-letter reason to count. */
    public Map<String, Long> deadLetters = new HashMap<>();

    public WindowStats() {}

    WindowStats(long windowStart) {
        this.windowStart = windowStart;
    }

    /** One task's label counts, confidence sum and latest model in the window. A Flink POJO. */
    public static class TaskAggregate {
        public Map<String, Long> labelCounts = new HashMap<>();
        public double confidenceSum;
        public long classified;
        public ModelRef model;

        public TaskAggregate() {}
    }

    void add(StatsSample s) {
        if (s.isDeadLetter()) {
            deadLetters.merge(s.deadLetterReason, 1L, Long::sum);
            return;
        }
        events++;
        reviewed += s.reviewed ? 1 : 0;
        blocked += s.blocked ? 1 : 0;
        LatencyHistogram.add(latencies, s.latencyMs);
        for (StatsSample.TaskResult t : s.tasks) {
            TaskAggregate a = tasks.computeIfAbsent(t.task, k -> new TaskAggregate());
            a.labelCounts.merge(t.label, 1L, Long::sum);
            a.confidenceSum += t.score;
            a.classified++;
            a.model = t.model;
        }
        for (StatsSample.EntityMention e : s.entities) {
            entities.merge(e.type + ENTITY_KEY_SEPARATOR + e.text, 1L, Long::sum);
        }
    }

    void addLate() {
        lateEvents++;
    }

    boolean emitted() {
        return revision >= 0;
    }

    /** The record for this window as it stands, under the next revision. */
    EnrichmentStats emit(String tenant, long windowMs) {
        revision++;
        List<TaskStats> taskStats = new ArrayList<>();
        new TreeMap<>(tasks)
                .forEach((task, a) -> taskStats.add(
                        new TaskStats(task, a.model, new TreeMap<>(a.labelCounts), a.confidenceSum / a.classified)));
        return EnrichmentStats.newBuilder()
                .setTenant(tenant)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowStart + windowMs))
                .setRevision(revision)
                .setEvents(events)
                .setLateEvents(lateEvents)
                .setLatencyP50Ms(LatencyHistogram.percentile(latencies, 0.50))
                .setLatencyP99Ms(LatencyHistogram.percentile(latencies, 0.99))
                .setReviewed(reviewed)
                .setBlocked(blocked)
                .setReviewShare(events == 0 ? 0 : (double) reviewed / events)
                .setBlockShare(events == 0 ? 0 : (double) blocked / events)
                .setTasks(taskStats)
                .setTopEntities(topEntities())
                .setDeadLetters(new TreeMap<>(deadLetters))
                .build();
    }

    private List<EntityCount> topEntities() {
        return entities.entrySet().stream()
                .map(e -> {
                    int sep = e.getKey().indexOf(ENTITY_KEY_SEPARATOR);
                    return new EntityCount(
                            e.getKey().substring(0, sep), e.getKey().substring(sep + 1), e.getValue());
                })
                .sorted(Comparator.comparingLong(EntityCount::getCount)
                        .reversed()
                        .thenComparing(EntityCount::getType)
                        .thenComparing(EntityCount::getText))
                .limit(TOP_ENTITIES)
                .toList();
    }
}
