package io.streamnlp.retrainer.trigger;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.KafkaClientProperties;
import io.streamnlp.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Configuration of the retrain trigger, validated on construction. Its keys are declared in {@link TriggerOptions}
 * and documented in docs/retraining.md; everything but the two addresses has a default.
 *
 * @param consecutiveWindows K: a metric must be over its threshold in K consecutive windows of one model and task
 * @param cooldown           after a request for a model, no new request for it until this much event time passed
 * @param minFeedback        new feedback labels for the task, since the model's last request, needed to request
 * @param defaultModel       model that feedback without a model reference counts for
 * @param deadLetterTopic    where records that cannot be deserialised go (Kafka Streams' dead-letter queue)
 * @param repartitions       partitions of the internal topics that key drift reports and feedback by model
 * @param stateDir           Kafka Streams state directory, or null for its default
 * @param clientProperties   further Kafka client settings for the Streams client (SASL, TLS, ...)
 */
public record TriggerConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String applicationId,
        String driftTopic,
        String feedbackTopic,
        String requestTopic,
        String deadLetterTopic,
        int consecutiveWindows,
        Duration cooldown,
        long minFeedback,
        String defaultModel,
        int repartitions,
        Path stateDir,
        Map<String, String> clientProperties) {

    public static final String BOOTSTRAP_SERVERS = CommonOptions.KAFKA_BOOTSTRAP_SERVERS.key();
    public static final String SCHEMA_REGISTRY_URL = CommonOptions.SCHEMA_REGISTRY_URL.key();
    public static final String APPLICATION_ID = TriggerOptions.APPLICATION_ID.key();
    public static final String DRIFT_TOPIC = TriggerOptions.DRIFT_TOPIC.key();
    public static final String FEEDBACK_TOPIC = TriggerOptions.FEEDBACK_TOPIC.key();
    public static final String REQUEST_TOPIC = TriggerOptions.REQUEST_TOPIC.key();
    public static final String DEAD_LETTER_TOPIC = TriggerOptions.DEAD_LETTER_TOPIC.key();
    public static final String CONSECUTIVE_WINDOWS = TriggerOptions.CONSECUTIVE_WINDOWS.key();
    public static final String COOLDOWN = TriggerOptions.COOLDOWN.key();
    public static final String MIN_FEEDBACK = TriggerOptions.MIN_FEEDBACK.key();
    public static final String DEFAULT_MODEL = TriggerOptions.DEFAULT_MODEL.key();
    public static final String REPARTITIONS = TriggerOptions.REPARTITIONS.key();
    public static final String STATE_DIR = TriggerOptions.STATE_DIR.key();

    public TriggerConfig {
        bootstrapServers = required(BOOTSTRAP_SERVERS, bootstrapServers);
        schemaRegistryUrl = required(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        applicationId = required(APPLICATION_ID, applicationId);
        driftTopic = required(DRIFT_TOPIC, driftTopic);
        feedbackTopic = required(FEEDBACK_TOPIC, feedbackTopic);
        requestTopic = required(REQUEST_TOPIC, requestTopic);
        deadLetterTopic = required(DEAD_LETTER_TOPIC, deadLetterTopic);
        defaultModel = required(DEFAULT_MODEL, defaultModel);
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
        if (consecutiveWindows < 1) {
            throw new IllegalArgumentException(CONSECUTIVE_WINDOWS + " must be >= 1, got " + consecutiveWindows);
        }
        Objects.requireNonNull(cooldown, COOLDOWN);
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException(COOLDOWN + " must be >= 0, got " + cooldown);
        }
        if (minFeedback < 0) {
            throw new IllegalArgumentException(MIN_FEEDBACK + " must be >= 0, got " + minFeedback);
        }
        if (repartitions < 1) {
            throw new IllegalArgumentException(REPARTITIONS + " must be >= 1, got " + repartitions);
        }
        if (Stream.of(driftTopic, feedbackTopic, requestTopic, deadLetterTopic)
                        .distinct()
                        .count()
                < 4) {
            throw new IllegalArgumentException("the drift, feedback, request and dead-letter topics must all differ");
        }
    }

    /** Defaults for everything but the addresses: K = 3, cooldown 1 h, 50 feedback labels (see {@link TriggerOptions}). */
    public static TriggerConfig defaults(String bootstrapServers, String schemaRegistryUrl) {
        return of(bootstrapServers, schemaRegistryUrl, Map.of());
    }

    /** The addresses and {@code settings} (keys of {@link TriggerOptions#ALL}, validated as a properties file is). */
    public static TriggerConfig of(String bootstrapServers, String schemaRegistryUrl, Map<String, String> settings) {
        return read(new Settings(TriggerOptions.ALL, settings), bootstrapServers, schemaRegistryUrl, Map.of());
    }

    /**
     * The standalone trigger's settings ({@link TriggerOptions#ALL}); unlike in the retrainer, the broker and schema
     * registry addresses have no default here and must be given.
     */
    public static TriggerConfig fromProperties(Properties p) {
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(key -> values.put(key, p.getProperty(key)));
        return fromSettings(new Settings(TriggerOptions.ALL, values));
    }

    /** As {@link #fromProperties}, from the command line of {@link RetrainTriggerApp}. */
    public static TriggerConfig fromSettings(Settings s) {
        return read(
                s,
                s.getOptional(CommonOptions.KAFKA_BOOTSTRAP_SERVERS).orElse(null),
                s.getOptional(CommonOptions.SCHEMA_REGISTRY_URL).orElse(null),
                s.withPrefix(KafkaClientProperties.OPTION));
    }

    /** The trigger's keys in {@code s}, with the addresses and client properties of whoever shares them. */
    public static TriggerConfig read(
            Settings s, String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientProperties) {
        return new TriggerConfig(
                bootstrapServers,
                schemaRegistryUrl,
                s.get(TriggerOptions.APPLICATION_ID),
                s.get(TriggerOptions.DRIFT_TOPIC),
                s.get(TriggerOptions.FEEDBACK_TOPIC),
                s.get(TriggerOptions.REQUEST_TOPIC),
                s.get(TriggerOptions.DEAD_LETTER_TOPIC),
                s.get(TriggerOptions.CONSECUTIVE_WINDOWS),
                s.get(TriggerOptions.COOLDOWN),
                s.get(TriggerOptions.MIN_FEEDBACK),
                s.get(TriggerOptions.DEFAULT_MODEL),
                s.get(TriggerOptions.REPARTITIONS),
                s.get(TriggerOptions.STATE_DIR),
                clientProperties);
    }

    /**
     * Kafka Streams settings: the client properties, then exactly-once v2 and bad records to the
     * dead-letter topic instead of stopping (which the client properties cannot change).
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        if (stateDir != null) {
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        return p;
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value.trim();
    }
}
