package io.streamnlp.retrainer.trigger;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Configuration of the retrain trigger, validated on construction. {@link #fromProperties} reads the keys
 * documented in docs/drift.md; everything but the two addresses has a default.
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
public record TriggerConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId,
                            String driftTopic, String feedbackTopic, String requestTopic, String deadLetterTopic,
                            int consecutiveWindows, Duration cooldown, long minFeedback, String defaultModel,
                            int repartitions, Path stateDir, Map<String, String> clientProperties) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String APPLICATION_ID = "application.id";
    public static final String DRIFT_TOPIC = "topic.drift-metrics";
    public static final String FEEDBACK_TOPIC = "topic.feedback";
    public static final String REQUEST_TOPIC = "topic.retrain-requests";
    public static final String DEAD_LETTER_TOPIC = "topic.dead-letters";
    public static final String CONSECUTIVE_WINDOWS = "trigger.consecutive-windows";
    public static final String COOLDOWN = "trigger.cooldown";
    public static final String MIN_FEEDBACK = "trigger.min-feedback";
    public static final String DEFAULT_MODEL = "trigger.default-model";
    public static final String REPARTITIONS = "trigger.repartitions";
    public static final String STATE_DIR = "state.dir";
    /** Prefix of the keys passed to the Kafka clients as they are, e.g. {@code kafka.properties.security.protocol}. */
    public static final String CLIENT_PROPERTIES_PREFIX = "kafka.properties.";

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
        if (Stream.of(driftTopic, feedbackTopic, requestTopic, deadLetterTopic).distinct().count() < 4) {
            throw new IllegalArgumentException("the drift, feedback, request and dead-letter topics must all differ");
        }
    }

    /** Defaults for everything but the addresses: K = 3, cooldown 1 h, 50 feedback labels. */
    public static TriggerConfig defaults(String bootstrapServers, String schemaRegistryUrl) {
        return new TriggerConfig(bootstrapServers, schemaRegistryUrl, "streamnlp-retrain-trigger", "drift-metrics",
                "feedback", "retrain-requests", "retrain-trigger-dead-letters", 3, Duration.ofHours(1), 50,
                "default", 1, null, Map.of());
    }

    /** Reads the keys above; missing keys take the {@link #defaults} values. */
    public static TriggerConfig fromProperties(Properties p) {
        TriggerConfig d = defaults(p.getProperty(BOOTSTRAP_SERVERS), p.getProperty(SCHEMA_REGISTRY_URL));
        return new TriggerConfig(d.bootstrapServers, d.schemaRegistryUrl,
                p.getProperty(APPLICATION_ID, d.applicationId),
                p.getProperty(DRIFT_TOPIC, d.driftTopic),
                p.getProperty(FEEDBACK_TOPIC, d.feedbackTopic),
                p.getProperty(REQUEST_TOPIC, d.requestTopic),
                p.getProperty(DEAD_LETTER_TOPIC, d.deadLetterTopic),
                (int) number(p, CONSECUTIVE_WINDOWS, d.consecutiveWindows),
                duration(p, COOLDOWN, d.cooldown),
                number(p, MIN_FEEDBACK, d.minFeedback),
                p.getProperty(DEFAULT_MODEL, d.defaultModel),
                (int) number(p, REPARTITIONS, d.repartitions),
                p.getProperty(STATE_DIR) == null ? null : Path.of(p.getProperty(STATE_DIR)),
                clientProperties(p));
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

    public TriggerConfig withRule(int consecutiveWindows, Duration cooldown, long minFeedback) {
        return new TriggerConfig(bootstrapServers, schemaRegistryUrl, applicationId, driftTopic, feedbackTopic,
                requestTopic, deadLetterTopic, consecutiveWindows, cooldown, minFeedback, defaultModel, repartitions,
                stateDir, clientProperties);
    }

    public TriggerConfig withApplicationId(String applicationId) {
        return new TriggerConfig(bootstrapServers, schemaRegistryUrl, applicationId, driftTopic, feedbackTopic,
                requestTopic, deadLetterTopic, consecutiveWindows, cooldown, minFeedback, defaultModel, repartitions,
                stateDir, clientProperties);
    }

    public TriggerConfig withTopics(String driftTopic, String feedbackTopic, String requestTopic,
                                    String deadLetterTopic) {
        return new TriggerConfig(bootstrapServers, schemaRegistryUrl, applicationId, driftTopic, feedbackTopic,
                requestTopic, deadLetterTopic, consecutiveWindows, cooldown, minFeedback, defaultModel, repartitions,
                stateDir, clientProperties);
    }

    public TriggerConfig withStateDir(Path stateDir) {
        return new TriggerConfig(bootstrapServers, schemaRegistryUrl, applicationId, driftTopic, feedbackTopic,
                requestTopic, deadLetterTopic, consecutiveWindows, cooldown, minFeedback, defaultModel, repartitions,
                stateDir, clientProperties);
    }

    public TriggerConfig withClientProperties(Map<String, String> clientProperties) {
        return new TriggerConfig(bootstrapServers, schemaRegistryUrl, applicationId, driftTopic, feedbackTopic,
                requestTopic, deadLetterTopic, consecutiveWindows, cooldown, minFeedback, defaultModel, repartitions,
                stateDir, clientProperties);
    }

    private static Map<String, String> clientProperties(Properties p) {
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(CLIENT_PROPERTIES_PREFIX) && key.length() > CLIENT_PROPERTIES_PREFIX.length()) {
                out.put(key.substring(CLIENT_PROPERTIES_PREFIX.length()), p.getProperty(key).trim());
            }
        }
        return out;
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value.trim();
    }

    private static long number(Properties p, String key, long fallback) {
        String value = p.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
    }

    /** ISO-8601 ({@code PT1H}) or a number with unit s, m, h, d ({@code 30m}). */
    private static Duration duration(Properties p, String key, Duration fallback) {
        String value = p.getProperty(key);
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException(key + ": unknown unit in '" + value + "'");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(key + " must be a duration like PT1H or 30m, got '" + value + "'");
        }
    }
}
