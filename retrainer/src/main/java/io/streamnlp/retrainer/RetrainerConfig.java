package io.streamnlp.retrainer;

import io.streamnlp.retrainer.job.ConfigReader;
import io.streamnlp.retrainer.job.InvalidConfigException;
import io.streamnlp.retrainer.job.RetrainingConfig;
import io.streamnlp.retrainer.trigger.TriggerConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The retrainer process's settings, read from one set of keys: the retraining job's (see
 * {@link RetrainingConfig}) and the trigger's, which share the broker, schema registry and the
 * feedback and request topics. The trigger's own keys are {@code topics.drift-metrics},
 * {@code topics.trigger-dead-letters} and {@code trigger.*} (docs/retraining.md); both count feedback
 * without a model reference for {@code feedback.default-model}. Unknown keys are refused.
 */
public record RetrainerConfig(RetrainingConfig retraining, TriggerConfig trigger) {

    /** The trigger's keys in this file and the {@link TriggerConfig} keys they become. */
    private static final Map<String, String> TRIGGER_KEYS = Map.of(
            "topics.drift-metrics", TriggerConfig.DRIFT_TOPIC,
            "topics.trigger-dead-letters", TriggerConfig.DEAD_LETTER_TOPIC,
            "trigger.application-id", TriggerConfig.APPLICATION_ID,
            "trigger.consecutive-windows", TriggerConfig.CONSECUTIVE_WINDOWS,
            "trigger.cooldown", TriggerConfig.COOLDOWN,
            "trigger.min-feedback", TriggerConfig.MIN_FEEDBACK,
            "trigger.repartitions", TriggerConfig.REPARTITIONS,
            "trigger.state-dir", TriggerConfig.STATE_DIR);

    public RetrainerConfig {
        Objects.requireNonNull(retraining, "retraining");
        Objects.requireNonNull(trigger, "trigger");
    }

    /** {@code --config FILE} (repeatable) and {@code --key value} overrides. */
    public static RetrainerConfig fromArgs(String... args) {
        return of(ConfigReader.parseArgs(args));
    }

    /**
     * The defaults with {@code values} over them.
     *
     * @throws InvalidConfigException naming the first bad key, or every unknown one
     */
    public static RetrainerConfig of(Map<String, String> values) {
        ConfigReader reader = new ConfigReader(values);
        RetrainingConfig retraining = RetrainingConfig.read(reader);
        Properties trigger = new Properties();
        trigger.setProperty(TriggerConfig.BOOTSTRAP_SERVERS, retraining.kafka().bootstrapServers());
        trigger.setProperty(TriggerConfig.SCHEMA_REGISTRY_URL, retraining.kafka().schemaRegistry().get("schema.registry.url"));
        trigger.setProperty(TriggerConfig.FEEDBACK_TOPIC, retraining.topics().feedback());
        trigger.setProperty(TriggerConfig.REQUEST_TOPIC, retraining.topics().retrainRequests());
        trigger.setProperty(TriggerConfig.DEFAULT_MODEL, retraining.training().defaultModel());
        TRIGGER_KEYS.forEach((key, triggerKey) -> reader.optional(key).ifPresent(v -> trigger.setProperty(triggerKey, v)));
        reader.refuseUnknownKeys();
        try {
            return new RetrainerConfig(retraining,
                    TriggerConfig.fromProperties(trigger).withClientProperties(retraining.kafka().clientProperties()));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("trigger: " + e.getMessage());
        }
    }
}
