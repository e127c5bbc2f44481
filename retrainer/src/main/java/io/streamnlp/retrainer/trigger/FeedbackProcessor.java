package io.streamnlp.retrainer.trigger;

import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.RetrainRequest;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each feedback label (keyed by model name) towards the model's next retrain request, and forwards the
 * request when this label is the one that completes the rule.
 */
final class FeedbackProcessor implements Processor<String, Feedback, String, RetrainRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackProcessor.class);

    private final RetrainRule rule;
    private ProcessorContext<String, RetrainRequest> context;
    private KeyValueStore<String, ModelTriggerState> states;

    FeedbackProcessor(RetrainRule rule) {
        this.rule = rule;
    }

    @Override
    public void init(ProcessorContext<String, RetrainRequest> context) {
        this.context = context;
        this.states = context.getStateStore(TriggerTopology.STATE_STORE);
    }

    @Override
    public void process(Record<String, Feedback> record) {
        ModelTriggerState state = states.get(record.key());
        RetrainRule.Outcome outcome = rule.onFeedback(state == null ? ModelTriggerState.empty() : state,
                record.key(), record.value().getTask());
        states.put(record.key(), outcome.state());
        outcome.request().ifPresent(request -> {
            LOG.info("Retrain requested: {}", request.getReason());
            context.forward(record.withValue(request).withTimestamp(request.getRequestedAt().toEpochMilli()));
        });
    }
}
