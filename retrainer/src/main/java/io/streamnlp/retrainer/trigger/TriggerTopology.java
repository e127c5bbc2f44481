package io.streamnlp.retrainer.trigger;

import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.RetrainRequest;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * drift-metrics and feedback, each re-keyed by model name into repartition topics with the same partition count
 * (so one model's reports and feedback meet in one task), feed two processors sharing one changelogged key-value
 * store of {@link ModelTriggerState}. Either may complete the {@link RetrainRule}, so the order in which the two
 * inputs interleave does not decide whether a request is made. Requests go out keyed by model name.
 */
public final class TriggerTopology {

    public static final String STATE_STORE = "retrain-trigger-state";

    private TriggerTopology() {}

    public static Topology build(TriggerConfig config, TriggerSerdes serdes) {
        RetrainRule rule = RetrainRule.of(config);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), new ModelTriggerStateSerde()));

        KStream<String, RetrainRequest> fromReports = builder.stream(
                        config.driftTopic(),
                        Consumed.with(Serdes.ByteArray(), serdes.driftReports()).withName("read-drift-reports"))
                .filter((key, report) -> report != null, Named.as("skip-drift-tombstones"))
                .selectKey((key, report) -> report.getModel().getName(), Named.as("key-drift-by-model"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.driftReports())
                        .withName("drift-by-model")
                        .withNumberOfPartitions(config.repartitions()))
                .process(
                        () -> new RuleProcessor<DriftReport>(
                                (state, model, report) -> rule.onDriftReport(state, report)),
                        Named.as("apply-drift-report"),
                        STATE_STORE);

        String defaultModel = config.defaultModel();
        KStream<String, RetrainRequest> fromFeedback = builder.stream(
                        config.feedbackTopic(),
                        Consumed.with(Serdes.ByteArray(), serdes.feedback()).withName("read-feedback"))
                .filter((key, feedback) -> feedback != null, Named.as("skip-feedback-tombstones"))
                .selectKey((key, feedback) -> modelOf(feedback, defaultModel), Named.as("key-feedback-by-model"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.feedback())
                        .withName("feedback-by-model")
                        .withNumberOfPartitions(config.repartitions()))
                .process(
                        () -> new RuleProcessor<Feedback>(
                                (state, model, feedback) -> rule.onFeedback(state, model, feedback.getTask())),
                        Named.as("apply-feedback"),
                        STATE_STORE);

        fromReports
                .merge(fromFeedback, Named.as("merge-requests"))
                .to(
                        config.requestTopic(),
                        Produced.with(Serdes.String(), serdes.retrainRequests()).withName("write-retrain-requests"));
        return builder.build();
    }

    private static String modelOf(Feedback feedback, String defaultModel) {
        return feedback.getModel() == null ? defaultModel : feedback.getModel().getName();
    }
}
