package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.config.JobConfig.Task;
import io.streamnlp.flink.sink.AvroRecordSerializationSchema;
import io.streamnlp.flink.sink.OutputLimit;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.moderation.Decision;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.schemas.serde.AvroRecordSerializer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The enriched record of one result, for the tasks both configured and served by the model, measured
 * exactly as the sink's serializer will write it (plus room for a moderation decision when moderation is on): one over
 * {@code output.max-record-bytes} becomes an OUTPUT_TOO_LARGE dead letter here, where the source record it must keep is
 * known.
 */
final class EnrichedOutput {
    /** The record to emit, or the dead letter that replaces it; exactly one is set. */
    record Mapped(EnrichedEvent enriched, DeadLetter tooLarge) {}

    private final Set<Task> configured;
    private final OutputLimit limit;
    /** Room the moderation step's decision may take after the size check here. */
    private final int reservedBytes;
    /** Never calls the registry. */
    private final AvroRecordSerializer<EnrichedEvent> sizer;

    private EnrichedEventMapper mapper;

    EnrichedOutput(JobConfig config) {
        this.configured = config.tasks();
        this.limit = new OutputLimit(config.output());
        this.reservedBytes = config.moderation().enabled() ? Decision.MAX_BYTES : 0;
        this.sizer = AvroRecordSerializer.fromConfig(config.registry().clientConfig(), false);
    }

    /** Maps the results of {@code pipeline} from now on. */
    void serve(NlpPipeline pipeline) {
        Set<Task> served = EnumSet.noneOf(Task.class);
        if (!pipeline.classifiers().isEmpty()) {
            served.add(Task.CLASSIFICATION);
        }
        if (pipeline.entities().isPresent()) {
            served.add(Task.NER);
        }
        if (pipeline.summarizer().isPresent()) {
            served.add(Task.SUMMARIZATION);
        }
        served.retainAll(configured);
        mapper = new EnrichedEventMapper(served);
    }

    /** @throws RuntimeException when the result cannot be mapped: a failure of this event alone */
    Mapped map(PendingEvent p, NlpResult result, ModelRef model, EnrichedEventMapper.BatchInfo batch, long now) {
        EnrichedEvent enriched = mapper.map(p.event, result, model, batch, p.source.readAtMillis, now);
        int size = OutputLimit.wireSize(
                        AvroRecordSerializationSchema.enrichedKey(enriched), sizer.serializedSize(enriched))
                + reservedBytes;
        return limit.fits(size)
                ? new Mapped(enriched, null)
                : new Mapped(null, limit.tooLarge(p.source, "the enriched record", size));
    }
}
