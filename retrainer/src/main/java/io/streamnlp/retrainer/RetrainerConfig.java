package io.streamnlp.retrainer;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.config.Options;
import io.streamnlp.config.Settings;
import io.streamnlp.retrainer.job.RetrainingConfig;
import io.streamnlp.retrainer.trigger.TriggerConfig;
import io.streamnlp.retrainer.trigger.TriggerOptions;
import java.util.Map;
import java.util.Objects;

/**
 * The retrainer process's settings, read from one set of keys ({@link #OPTIONS}): the retraining job's and the
 * trigger's, which share the broker, schema registry, the feedback and request topics and
 * {@code feedback.default-model} (docs/retraining.md). Unknown keys are refused.
 */
public record RetrainerConfig(RetrainingConfig retraining, TriggerConfig trigger) {

    /** Every key the retrainer reads. */
    public static final Options OPTIONS = RetrainingConfig.OPTIONS.plus(TriggerOptions.OWN);

    public RetrainerConfig {
        Objects.requireNonNull(retraining, "retraining");
        Objects.requireNonNull(trigger, "trigger");
    }

    /** The process's command line: see {@link ConfigSources} for the grammar, the environment included. */
    public static RetrainerConfig fromArgs(String... args) {
        return of(ConfigSources.fromArguments(OPTIONS, System.getenv(), args));
    }

    /**
     * The defaults with {@code values} over them.
     *
     * @throws ConfigException naming the first bad key, or every unknown one
     */
    public static RetrainerConfig of(Map<String, String> values) {
        return of(new Settings(OPTIONS, values));
    }

    /** @throws ConfigException naming the first bad key */
    public static RetrainerConfig of(Settings settings) {
        RetrainingConfig retraining = RetrainingConfig.read(settings);
        try {
            return new RetrainerConfig(
                    retraining,
                    TriggerConfig.read(
                            settings,
                            retraining.kafka().bootstrapServers(),
                            settings.get(CommonOptions.SCHEMA_REGISTRY_URL),
                            retraining.kafka().clientProperties()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("trigger: " + e.getMessage());
        }
    }
}
