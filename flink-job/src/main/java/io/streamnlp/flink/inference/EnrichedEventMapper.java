package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig.Task;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.Entity;
import io.streamnlp.schemas.avro.LabelScore;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.avro.Summary;
import io.streamnlp.schemas.avro.TextEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the Avro {@link EnrichedEvent} for one model result; fields of disabled tasks stay empty. */
public final class EnrichedEventMapper {
    /** Flag set when the text was longer than the encoder's maximum and was cut. */
    public static final String TRUNCATED = "truncated";

    private final Set<Task> tasks;

    public EnrichedEventMapper(Set<Task> tasks) {
        this.tasks = tasks;
    }

    /** The batch an event rode in: its id and how many events it held. */
    public record BatchInfo(String id, int size) {}

    public EnrichedEvent map(
            TextEvent event, NlpResult result, ModelRef model, BatchInfo batch, long readAtMillis, long now) {
        List<Classification> classifications = new ArrayList<>();
        if (tasks.contains(Task.CLASSIFICATION)) {
            for (io.streamnlp.inference.task.Classification c : result.classifications()) {
                List<LabelScore> topK = new ArrayList<>(c.topK().size());
                c.topK().forEach(ls -> topK.add(new LabelScore(ls.label(), ls.score())));
                classifications.add(new Classification(c.task(), c.label(), c.score(), topK, model));
            }
        }
        boolean ner = tasks.contains(Task.NER);
        List<Entity> entities = new ArrayList<>();
        if (ner) {
            result.entities().forEach(e -> entities.add(new Entity(e.type(), e.text(), e.start(), e.end(), e.score())));
        }
        Summary summary = null;
        if (tasks.contains(Task.SUMMARIZATION) && result.summary() != null) {
            summary = new Summary(result.summary().text(), result.summary().method(), model);
        }
        return EnrichedEvent.newBuilder()
                .setEvent(event)
                .setClassifications(classifications)
                .setEntities(entities)
                .setEntitiesModel(ner ? model : null)
                .setSummary(summary)
                .setBatchId(batch.id())
                .setBatchSize(batch.size())
                .setProcessingLatencyMs(Math.max(0, now - readAtMillis))
                .setProcessedAt(Instant.ofEpochMilli(now))
                .setFlags(result.truncated() ? List.of(TRUNCATED) : List.of())
                .build();
    }
}
