package io.streamnlp.retrainer.trigger;

import io.streamnlp.schemas.avro.RetrainRequest;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each input record (keyed by model name) to the model's trigger state through one of the
 * {@link RetrainRule}'s steps, and forwards the retrain request when that record completes the rule.
 * Drift reports and feedback labels go through the same state, so either can complete it.
 *
 * @param <V> the input record type
 */
final class RuleProcessor<V> implements Processor<String, V, String, RetrainRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RuleProcessor.class);

    /** One step of the rule: the model's state and a record in, the new state and maybe a request out. */
    @FunctionalInterface
    interface Step<V> {
        RetrainRule.Outcome apply(ModelTriggerState state, String model, V value);
    }

    private final Step<V> step;
    private ProcessorContext<String, RetrainRequest> context;
    private KeyValueStore<String, ModelTriggerState> states;

    RuleProcessor(Step<V> step) {
        this.step = step;
    }

    @Override
    public void init(ProcessorContext<String, RetrainRequest> context) {
        this.context = context;
        this.states = context.getStateStore(TriggerTopology.STATE_STORE);
    }

    @Override
    public void process(Record<String, V> record) {
        ModelTriggerState state = states.get(record.key());
        RetrainRule.Outcome outcome =
                step.apply(state == null ? ModelTriggerState.empty() : state, record.key(), record.value());
        states.put(record.key(), outcome.state());
        outcome.request().ifPresent(request -> {
            LOG.info("Retrain requested: {}", request.getReason());
            context.forward(record.withValue(request)
                    .withTimestamp(request.getRequestedAt().toEpochMilli()));
        });
    }
}
