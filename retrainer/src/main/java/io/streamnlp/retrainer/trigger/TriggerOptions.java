package io.streamnlp.retrainer.trigger;

import static io.streamnlp.config.ConfigOptions.key;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigOption;
import io.streamnlp.config.Options;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The retrain trigger's options. The feedback and request topics and the default model are the retraining
 * job's too; docs/retraining.md's table is generated from these and the job's options.
 */
public final class TriggerOptions {
    private TriggerOptions() {}

    public static final ConfigOption<String> FEEDBACK_TOPIC = key("topics.feedback")
            .stringType()
            .defaultValue("feedback")
            .withDescription("human labels (the trigger counts them, the job trains on them)");
    public static final ConfigOption<String> REQUEST_TOPIC = key("topics.retrain-requests")
            .stringType()
            .defaultValue("retrain-requests")
            .withDescription("retrain requests (the trigger writes them, the job reads them)");
    public static final ConfigOption<String> DEFAULT_MODEL = key("feedback.default-model")
            .stringType()
            .defaultValue("default")
            .withDescription("model that feedback without a model reference is for");
    public static final ConfigOption<String> DRIFT_TOPIC = key("topics.drift-metrics")
            .stringType()
            .defaultValue("drift-metrics")
            .withDescription("the trigger's input of `DriftReport`s");
    public static final ConfigOption<String> DEAD_LETTER_TOPIC = key("topics.trigger-dead-letters")
            .stringType()
            .defaultValue("retrain-trigger-dead-letters")
            .withDescription("the trigger's undecodable input records (raw bytes + error headers)");
    public static final ConfigOption<String> APPLICATION_ID = key("trigger.application-id")
            .stringType()
            .defaultValue("streamnlp-retrain-trigger")
            .withDescription("Kafka Streams application id (consumer group, internal topic prefix)");
    public static final ConfigOption<Integer> CONSECUTIVE_WINDOWS = key("trigger.consecutive-windows")
            .intType()
            .defaultValue(3)
            .withDescription(
                    "K: a metric must be over its threshold in K consecutive windows of one model and task, ≥ 1");
    public static final ConfigOption<Duration> COOLDOWN = key("trigger.cooldown")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription(
                    "after a request for a model, no new request for it until this much event time passed; doubled"
                            + " for each further request about the same served version (at most 64×); ≥ 0");
    public static final ConfigOption<Long> MIN_FEEDBACK = key("trigger.min-feedback")
            .longType()
            .defaultValue(50L)
            .withDescription("new labels for the task since the model's last request needed to request, ≥ 0");
    public static final ConfigOption<Integer> REPARTITIONS = key("trigger.repartitions")
            .intType()
            .defaultValue(1)
            .withDescription("partitions of the two repartition topics (the same for both, for co-partitioning)");
    public static final ConfigOption<Path> STATE_DIR = key("trigger.state-dir")
            .pathType()
            .noDefaultValue()
            .withDocumentedDefault("Kafka Streams' default")
            .withDescription("Kafka Streams state directory");

    /** The trigger's own options and those it shares with the retraining job, in documentation order. */
    public static final Options OWN = Options.of(
            FEEDBACK_TOPIC,
            REQUEST_TOPIC,
            DEFAULT_MODEL,
            DRIFT_TOPIC,
            DEAD_LETTER_TOPIC,
            APPLICATION_ID,
            CONSECUTIVE_WINDOWS,
            COOLDOWN,
            MIN_FEEDBACK,
            REPARTITIONS,
            STATE_DIR);

    /** Everything the standalone trigger reads. */
    public static final Options ALL = CommonOptions.ALL.plus(OWN);
}
