package io.streamnlp.flink.validate;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.inference.PendingEvent;
import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.serde.AvroRecordDeserializer;
import io.streamnlp.schemas.serde.WireFormatException;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes Confluent wire-format Avro into {@link TextEvent}s and validates their text. Bad records
 * go to {@link #DEAD_LETTERS} with their original bytes; an unreachable registry is not the
 * record's fault, so it fails the task (and the job restarts from its last checkpoint) instead.
 */
public final class DecodeAndValidateFunction extends ProcessFunction<RawRecord, PendingEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final Map<String, String> registryConfig;
    private final TextValidator validator;

    private transient AvroRecordDeserializer<TextEvent> deserializer;
    private transient Counter recordsIn;
    private transient Map<DeadLetterReason, Counter> deadLetters;

    public DecodeAndValidateFunction(JobConfig config) {
        this.registryConfig = config.registry().clientConfig();
        this.validator = new TextValidator(config.maxTextChars());
    }

    @Override
    public void open(OpenContext openContext) {
        deserializer = AvroRecordDeserializer.fromConfig(registryConfig, TextEvent.class, false);
        recordsIn = EnrichmentMetrics.counter(getRuntimeContext().getMetricGroup(), "records_in");
        deadLetters = EnrichmentMetrics.deadLetterCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<PendingEvent> out) {
        recordsIn.inc();
        TextEvent event;
        try {
            event = deserializer.deserialize(raw.topic, raw.value);
        } catch (WireFormatException e) {
            refuse(ctx, raw, e.reason(), e.getMessage());
            return;
        }
        TextValidator.Refusal refusal = validator.check(event.getText());
        if (refusal != null) {
            refuse(ctx, raw, refusal.reason(), refusal.message());
            return;
        }
        out.collect(new PendingEvent(event, raw));
    }

    private void refuse(Context ctx, RawRecord raw, DeadLetterReason reason, String message) {
        deadLetters.get(reason).inc();
        ctx.output(DEAD_LETTERS, DeadLetters.of(raw, reason, message));
    }
}
