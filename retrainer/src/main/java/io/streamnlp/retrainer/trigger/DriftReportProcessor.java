package io.streamnlp.retrainer.trigger;

import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.RetrainRequest;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies each drift report (keyed by model name) to the model's state and forwards any retrain request. */
final class DriftReportProcessor implements Processor<String, DriftReport, String, RetrainRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(DriftReportProcessor.class);

    private final RetrainRule rule;
    private ProcessorContext<String, RetrainRequest> context;
    private KeyValueStore<String, ModelTriggerState> states;

    DriftReportProcessor(RetrainRule rule) {
        this.rule = rule;
    }

    @Override
    public void init(ProcessorContext<String, RetrainRequest> context) {
        this.context = context;
        this.states = context.getStateStore(TriggerTopology.STATE_STORE);
    }

    @Override
    public void process(Record<String, DriftReport> record) {
        ModelTriggerState state = states.get(record.key());
        RetrainRule.Outcome outcome = rule.onDriftReport(state == null ? ModelTriggerState.empty() : state,
                record.value());
        states.put(record.key(), outcome.state());
        outcome.request().ifPresent(request -> {
            LOG.info("Retrain requested: {}", request.getReason());
            context.forward(record.withValue(request).withTimestamp(request.getRequestedAt().toEpochMilli()));
        });
    }
}
