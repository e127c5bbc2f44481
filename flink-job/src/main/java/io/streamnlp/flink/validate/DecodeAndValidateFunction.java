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
 * Decodes Confluent wire-format Avro into {@link TextEvent}s and validates them. Every record that
 * cannot become a valid event goes to {@link #DEAD_LETTERS} with its original bytes and a reason
 * code; nothing about a record's content throws. An unreachable registry is not the record's fault:
 * the decode waits it out ({@link RegistryOutageRetry}) and only fails the task after
 * {@code registry.outage.max-wait-ms}, so the job restarts from its last checkpoint.
 */
public final class DecodeAndValidateFunction extends ProcessFunction<RawRecord, PendingEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final Map<String, String> registryConfig;
    private final JobConfig.Retry outage;
    private final EventValidator validator;

    private transient AvroRecordDeserializer<TextEvent> deserializer;
    private transient RegistryOutageRetry registry;
    private transient Counter recordsIn;
    private transient Map<DeadLetterReason, Counter> deadLetters;

    public DecodeAndValidateFunction(JobConfig config) {
        this.registryConfig = config.registry().clientConfig();
        this.outage = config.registry().outage();
        this.validator = new EventValidator(config.validation());
    }

    @Override
    public void open(OpenContext openContext) {
        deserializer = AvroRecordDeserializer.fromConfig(registryConfig, TextEvent.class, false);
        recordsIn = EnrichmentMetrics.counter(getRuntimeContext().getMetricGroup(), "records_in");
        deadLetters = EnrichmentMetrics.deadLetterCounters(getRuntimeContext().getMetricGroup());
        registry = new RegistryOutageRetry(
                outage, EnrichmentMetrics.counter(getRuntimeContext().getMetricGroup(), "registry_retries"));
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<PendingEvent> out) throws InterruptedException {
        recordsIn.inc();
        TextEvent event;
        try {
            event = registry.call(() -> deserializer.deserialize(raw.topic, raw.value));
        } catch (WireFormatException e) {
            refuse(ctx, raw, e.reason(), e.getMessage());
            return;
        }
        EventValidator.Refusal refusal = validator.check(event);
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
