package io.streamnlp.retrainer.job;

import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.InvalidOptionsException;
import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import io.streamnlp.training.heads.TrainingConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the retraining job, validated on construction. Keys (docs/retraining.md) follow the
 * enrichment job's: {@code kafka.*}, {@code registry.*} (schema registry), {@code topics.*},
 * {@code model.registry.*}, {@code inference.*}, plus the job's own {@code retrain.*}. The defaults
 * run against the local stack.
 */
public record RetrainingConfig(Kafka kafka, Topics topics, ModelRegistryLocation modelRegistry, Training training,
        Delivery delivery, InferenceOptions inference) {

    /** Broker address, pass-through client properties (SASL, TLS) and the schema registry settings of the serde. */
    public record Kafka(String bootstrapServers, Map<String, String> clientProperties, Map<String, String> schemaRegistry) {
        public Kafka {
            bootstrapServers = required("kafka.bootstrap.servers", bootstrapServers);
            clientProperties = Map.copyOf(clientProperties);
            schemaRegistry = Map.copyOf(schemaRegistry);
            required("registry.url", schemaRegistry.get("schema.registry.url"));
        }

        /** Client settings for consumers and producers, the serde's included. */
        public Map<String, Object> clientConfig() {
            Map<String, Object> config = new HashMap<>(clientProperties);
            config.putAll(schemaRegistry);
            config.put("bootstrap.servers", bootstrapServers);
            return config;
        }
    }

    public record Topics(String retrainRequests, String feedback, String modelEvents) {
        public Topics {
            retrainRequests = topic("topics.retrain-requests", retrainRequests);
            feedback = topic("topics.feedback", feedback);
            modelEvents = topic("topics.model-events", modelEvents);
            if (retrainRequests.equals(feedback) || retrainRequests.equals(modelEvents) || feedback.equals(modelEvents)) {
                throw new InvalidConfigException("topics.retrain-requests, topics.feedback and topics.model-events must differ");
            }
        }
    }

    /** The environment variable a remote model registry's token is read from when model.registry.token is not set. */
    public static final String REGISTRY_TOKEN_ENV = "STREAMNLP_REGISTRY_TOKEN";

    /** A registry directory shared with the job, or a remote registry's HTTP API; exactly one. */
    public record ModelRegistryLocation(Path dir, URI url, String token) {
        public ModelRegistryLocation {
            if ((dir == null) == (url == null)) {
                throw new InvalidConfigException("give exactly one of model.registry.dir and model.registry.url");
            }
            if (token != null && url == null) {
                throw new InvalidConfigException("model.registry.token needs model.registry.url");
            }
        }

        public Optional<String> bearerToken() {
            return Optional.ofNullable(token);
        }
    }

    /**
     * @param holdoutFraction share of the newest feedback held out to evaluate challenger and champion
     * @param minFeedback labelled feedback for the task needed to retrain at all
     * @param seed seeds head training, so equal data gives an equal head
     * @param defaultModel the model that feedback without a model reference is for (the trigger counts it so too)
     * @param fineTuning whether and how the challenger's task is fine-tuned rather than trained as a head
     */
    public record Training(double holdoutFraction, int minFeedback, long seed, PromotionPolicy promotion,
            String defaultModel, FineTuning fineTuning) {
        public Training {
            defaultModel = required("feedback.default-model", defaultModel);
            if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
                throw new InvalidConfigException("retrain.holdout-fraction must be in (0, 1), got " + holdoutFraction);
            }
            if (minFeedback < 2) {
                throw new InvalidConfigException("retrain.min-feedback must be >= 2 (one to train on, one to evaluate), got "
                        + minFeedback);
            }
            Objects.requireNonNull(promotion, "promotion");
            Objects.requireNonNull(fineTuning, "fineTuning");
        }
    }

    /**
     * Fine-tuning the encoder with the retrained task's head ({@code retrain.fine-tune}) instead of
     * training a head on the champion's encoder.
     *
     * @param enabled whether challengers are fine-tuned
     * @param epochs passes over the training data
     * @param maxSteps optimizer steps at most, 0 for all epochs
     * @param maxSeconds training time at most; the best checkpoint so far is kept
     */
    public record FineTuning(boolean enabled, int epochs, int maxSteps, long maxSeconds) {
        public FineTuning {
            if (epochs < 1 || maxSteps < 0 || maxSeconds < 1) {
                throw new InvalidConfigException("retrain.fine-tune.epochs and .max-seconds must be >= 1, .max-steps >= 0");
            }
        }

        /** The fine-tuning run's settings: the command's defaults with these limits and {@code seed}. */
        public FineTuneConfig config(long seed) {
            return FineTuneConfig.defaults().withEpochs(epochs).withMaxSteps(maxSteps).withMaxSeconds(maxSeconds)
                    .withSeed(seed);
        }
    }

    /**
     * @param maxAttempts tries of a request that fails for a transient reason before it is given up as failed
     *     (a model registry that cannot be reached fails no try)
     * @param retryBackoff the wait before the first retry of a request; it doubles with every further one
     * @param maxRetryBackoff the longest wait between two tries
     * @param maxRequestDuration the longest one request may take; the consumer's max.poll.interval.ms
     * @param feedbackReadTimeout the longest reading the feedback topic up to its end may take
     */
    public record Delivery(String groupId, int maxAttempts, Duration retryBackoff, Duration maxRetryBackoff,
            Duration maxRequestDuration, Duration feedbackReadTimeout) {
        public Delivery {
            groupId = required("retrain.group-id", groupId);
            if (maxAttempts < 1) {
                throw new InvalidConfigException("retrain.max-attempts must be >= 1, got " + maxAttempts);
            }
            requirePositive("retrain.retry-backoff-ms", retryBackoff);
            requirePositive("retrain.max-retry-backoff-ms", maxRetryBackoff);
            requirePositive("retrain.max-request-ms", maxRequestDuration);
            requirePositive("retrain.feedback-read-timeout-ms", feedbackReadTimeout);
            if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
                throw new InvalidConfigException("retrain.max-retry-backoff-ms (" + maxRetryBackoff.toMillis()
                        + ") must be at least retrain.retry-backoff-ms (" + retryBackoff.toMillis() + ")");
            }
            // the consumer does not poll while it waits: a longer wait would cost it its partitions
            if (maxRetryBackoff.compareTo(maxRequestDuration) >= 0) {
                throw new InvalidConfigException("retrain.max-retry-backoff-ms (" + maxRetryBackoff.toMillis()
                        + ") must be below retrain.max-request-ms (" + maxRequestDuration.toMillis() + ")");
            }
        }
    }

    public RetrainingConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(modelRegistry, "modelRegistry");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(inference, "inference");
        if (training.fineTuning().enabled()
                && Duration.ofSeconds(training.fineTuning().maxSeconds()).multipliedBy(2).compareTo(delivery.maxRequestDuration()) > 0) {
            throw new InvalidConfigException("retrain.fine-tune.max-seconds (" + training.fineTuning().maxSeconds()
                    + ") must be at most half of retrain.max-request-ms (" + delivery.maxRequestDuration().toMillis()
                    + "): the rest of a request (data, evaluation, registration) needs time too");
        }
    }

    /** The defaults with {@code values} over them; unknown keys are refused. */
    public static RetrainingConfig of(Map<String, String> values) {
        ConfigReader reader = new ConfigReader(values);
        RetrainingConfig config = read(reader);
        reader.refuseUnknownKeys();
        return config;
    }

    /** Reads this job's keys; the caller refuses unknown keys once everything sharing the settings has read. */
    public static RetrainingConfig read(ConfigReader r) {
        Map<String, String> schemaRegistry = SchemaRegistryConfig.clientSettings(
                r.string("registry.url", "http://127.0.0.1:8081/apis/ccompat/v7"),
                r.optional("registry.basic-auth-user-info").orElse(null), r.optional("registry.bearer-token").orElse(null));
        Kafka kafka = new Kafka(r.string("kafka.bootstrap.servers", "127.0.0.1:9092"), r.withPrefix("kafka.properties."),
                schemaRegistry);
        Topics topics = new Topics(r.string("topics.retrain-requests", "retrain-requests"),
                r.string("topics.feedback", "feedback"), r.string("topics.model-events", "model-events"));

        Optional<URI> url = r.optional("model.registry.url").map(RetrainingConfig::uri);
        Optional<Path> dir = r.optional("model.registry.dir").map(Path::of);
        ModelRegistryLocation registry = new ModelRegistryLocation(
                url.isEmpty() ? dir.orElseGet(RetrainingConfig::defaultRegistryDir) : dir.orElse(null),
                url.orElse(null), r.optional("model.registry.token")
                        // from the environment, so that a token need not appear on a command line
                        .or(() -> url.flatMap(u -> Optional.ofNullable(System.getenv(REGISTRY_TOKEN_ENV)).filter(t -> !t.isBlank())))
                        .orElse(null));

        PromotionPolicy promotion = new PromotionPolicy(
                PromotionPolicy.Metric.parse("retrain.promotion-metric", r.string("retrain.promotion-metric", "accuracy")),
                r.decimal("retrain.promotion-margin", 0.02, 0, 1));
        Training training = new Training(r.decimal("retrain.holdout-fraction", 0.2, 0, 1),
                r.integer("retrain.min-feedback", 20, 0, 10_000_000),
                r.longValue("retrain.seed", TrainingConfig.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE), promotion,
                r.string("feedback.default-model", "default"),
                new FineTuning(r.bool("retrain.fine-tune", false), r.integer("retrain.fine-tune.epochs", 3, 1, 1000),
                        r.integer("retrain.fine-tune.max-steps", 0, 0, Integer.MAX_VALUE),
                        r.longValue("retrain.fine-tune.max-seconds", 900, 1, 86_400)));
        Delivery delivery = new Delivery(r.string("retrain.group-id", "streamnlp-retrainer"),
                r.integer("retrain.max-attempts", 3, 1, 1000),
                Duration.ofMillis(r.longValue("retrain.retry-backoff-ms", 5_000, 1, 3_600_000)),
                Duration.ofMillis(r.longValue("retrain.max-retry-backoff-ms", 60_000, 1, 3_600_000)),
                Duration.ofMillis(r.longValue("retrain.max-request-ms", 1_800_000, 10_000, Integer.MAX_VALUE)),
                Duration.ofMillis(r.longValue("retrain.feedback-read-timeout-ms", 120_000, 1_000, 3_600_000)));
        InferenceOptions inference;
        try {
            inference = InferenceOptions.fromProperties(r.withPrefix("inference."));
        } catch (InvalidOptionsException e) {
            throw new InvalidConfigException("inference: " + e.getMessage());
        }
        return new RetrainingConfig(kafka, topics, registry, training, delivery, inference);
    }

    private static URI uri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new InvalidConfigException("model.registry.url must be an http(s) URL, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigException("model.registry.url is not a URL: '" + text + "'");
        }
    }

    private static Path defaultRegistryDir() {
        String home = System.getenv("STREAMNLP_HOME");
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".streamnlp") : Path.of(home);
        return base.resolve("registry");
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(key + " is required");
        }
        return value.trim();
    }

    private static String topic(String key, String value) {
        String name = required(key, value);
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new InvalidConfigException(key + ": invalid Kafka topic name '" + name + "'");
        }
        return name;
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidConfigException(key + " must be > 0, got " + value);
        }
    }
}
