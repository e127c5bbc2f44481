package io.streamnlp.flink.stats;

import io.streamnlp.flink.moderation.ModerationFunction;
import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What the stats step needs of one enriched record or one dead letter, and no more: the text, summary and original
 * bytes stay behind when samples are shuffled by tenant. A Flink POJO.
 */
public class StatsSample {
    public String tenant;
    /** {@code created_at} of an enriched record; the Kafka record timestamp of a dead letter. */
    public long eventTime;
    /** The dead letter's reason; null for an enriched record. */
    public String deadLetterReason;
    /** {@code processed_at - created_at}, at least 0. */
    public long latencyMs;

    public boolean reviewed;
    public boolean blocked;
    public List<TaskResult> tasks = new ArrayList<>();
    public List<EntityMention> entities = new ArrayList<>();

    public StatsSample() {}

    /** One classification task's top-1 result. A Flink POJO. */
    public static class TaskResult {
        public String task;
        public String label;
        public double score;
        public ModelRef model;

        public TaskResult() {}

        public TaskResult(String task, String label, double score, ModelRef model) {
            this.task = task;
            this.label = label;
            this.score = score;
            this.model = model;
        }
    }

    /** An entity's type and surface text. A Flink POJO. */
    public static class EntityMention {
        public String type;
        public String text;

        public EntityMention() {}

        public EntityMention(String type, String text) {
            this.type = type;
            this.text = text;
        }
    }

    public static StatsSample of(EnrichedEvent e) {
        StatsSample s = new StatsSample();
        s.tenant = e.getEvent().getTenant();
        s.eventTime = e.getEvent().getCreatedAt().toEpochMilli();
        s.latencyMs = Math.max(0, e.getProcessedAt().toEpochMilli() - s.eventTime);
        s.reviewed = ModerationFunction.toReview(e.getModeration());
        s.blocked = ModerationFunction.blocked(e.getModeration());
        for (Classification c : e.getClassifications()) {
            s.tasks.add(new TaskResult(c.getTask(), c.getLabel(), c.getScore(), c.getModel()));
        }
        e.getEntities().forEach(ent -> s.entities.add(new EntityMention(ent.getType(), ent.getText())));
        return s;
    }

    public static StatsSample of(DeadLetter d, String tenant) {
        StatsSample s = new StatsSample();
        s.tenant = tenant;
        s.eventTime = d.getRecordTimestamp().toEpochMilli();
        s.deadLetterReason = d.getReason().name();
        return s;
    }

    public boolean isDeadLetter() {
        return deadLetterReason != null;
    }
}
