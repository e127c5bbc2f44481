package io.streamnlp.retrainer.job;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.KafkaClientProperties;
import io.streamnlp.config.Options;
import io.streamnlp.config.Settings;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.FineTuneConfig.Setting;
import io.streamnlp.finetune.train.SchedulePicker;
import io.streamnlp.inference.runtime.ComputeDevice;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.InvalidOptionsException;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.registry.ModelRegistryLocation;
import io.streamnlp.retrainer.trigger.TriggerOptions;
import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the retraining job, validated on construction. Its keys ({@link #OPTIONS}, docs/retraining.md) are
 * the shared ones of {@link CommonOptions}, the topics it shares with the trigger and its own {@code retrain.*} and
 * {@code inference.*}. The defaults run against the local stack.
 */
public record RetrainingConfig(
        Kafka kafka,
        Topics topics,
        ModelRegistryLocation modelRegistry,
        Training training,
        Delivery delivery,
        InferenceOptions inference) {

    /** Broker address, pass-through client properties (SASL, TLS) and the schema registry settings of the serde. */
    public record Kafka(
            String bootstrapServers, Map<String, String> clientProperties, Map<String, String> schemaRegistry) {
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
            if (retrainRequests.equals(feedback)
                    || retrainRequests.equals(modelEvents)
                    || feedback.equals(modelEvents)) {
                throw new ConfigException(
                        "topics.retrain-requests, topics.feedback and topics.model-events must differ");
            }
        }
    }

    /**
     * @param holdoutFraction share of the feedback held out (an even sample in time) to evaluate challenger and champion
     * @param minFeedback labelled feedback for the task needed to retrain at all
     * @param seed seeds head training, so equal data gives an equal head
     * @param defaultModel the model that feedback without a model reference is for (the trigger counts it so too)
     * @param fineTuning whether and how the challenger's task is fine-tuned rather than trained as a head
     */
    public record Training(
            double holdoutFraction,
            int minFeedback,
            long seed,
            PromotionPolicy promotion,
            String defaultModel,
            FineTuning fineTuning) {
        public Training {
            defaultModel = required("feedback.default-model", defaultModel);
            if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
                throw new ConfigException("retrain.holdout-fraction must be in (0, 1), got " + holdoutFraction);
            }
            if (minFeedback < 2) {
                throw new ConfigException(
                        "retrain.min-feedback must be >= 2 (one to train on, one to evaluate), got " + minFeedback);
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
     * @param epochs passes over the training data, or null to pick them from {@code maxSeconds}
     * @param maxSteps optimizer steps at most, 0 for all epochs, or null to pick them from {@code maxSeconds}
     * @param maxSeconds training time at most; the best checkpoint so far is kept
     */
    public record FineTuning(boolean enabled, Integer epochs, Integer maxSteps, long maxSeconds) {
        public FineTuning {
            if ((epochs != null && epochs < 1) || (maxSteps != null && maxSteps < 0) || maxSeconds < 1) {
                throw new ConfigException("retrain.fine-tune.epochs and .max-seconds must be >= 1, .max-steps >= 0");
            }
        }

        /**
         * The fine-tuning run's settings: those that {@code train --fine-tune --max-seconds} picks to fit the time
         * ({@link SchedulePicker}, from the measured cost of a step) left to pick, but the epochs and max steps given,
         * and {@code seed}.
         */
        public FineTuneConfig config(long seed) {
            FineTuneConfig config =
                    FineTuneConfig.defaults().withMaxSeconds(maxSeconds).withSeed(seed);
            EnumSet<Setting> picked = EnumSet.allOf(Setting.class);
            if (epochs != null) {
                config = config.withEpochs(epochs);
                picked.remove(Setting.EPOCHS);
            }
            if (maxSteps != null) {
                config = config.withMaxSteps(maxSteps);
                picked.remove(Setting.MAX_STEPS);
            }
            return config.withPicked(picked);
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
    public record Delivery(
            String groupId,
            int maxAttempts,
            Duration retryBackoff,
            Duration maxRetryBackoff,
            Duration maxRequestDuration,
            Duration feedbackReadTimeout) {
        public Delivery {
            groupId = required("retrain.group-id", groupId);
            if (maxAttempts < 1) {
                throw new ConfigException("retrain.max-attempts must be >= 1, got " + maxAttempts);
            }
            requirePositive("retrain.retry-backoff-ms", retryBackoff);
            requirePositive("retrain.max-retry-backoff-ms", maxRetryBackoff);
            requirePositive("retrain.max-request-ms", maxRequestDuration);
            requirePositive("retrain.feedback-read-timeout-ms", feedbackReadTimeout);
            if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
                throw new ConfigException("retrain.max-retry-backoff-ms (" + maxRetryBackoff.toMillis()
                        + ") must be at least retrain.retry-backoff-ms (" + retryBackoff.toMillis() + ")");
            }
            // the consumer does not poll while it waits: a longer wait would cost it its partitions
            if (maxRetryBackoff.compareTo(maxRequestDuration) >= 0) {
                throw new ConfigException("retrain.max-retry-backoff-ms (" + maxRetryBackoff.toMillis()
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
                && Duration.ofSeconds(training.fineTuning().maxSeconds())
                                .multipliedBy(2)
                                .compareTo(delivery.maxRequestDuration())
                        > 0) {
            throw new ConfigException(
                    "retrain.fine-tune.max-seconds (" + training.fineTuning().maxSeconds()
                            + ") must be at most half of retrain.max-request-ms ("
                            + delivery.maxRequestDuration().toMillis()
                            + "): the rest of a request (data, evaluation, registration) needs time too");
        }
    }

    /** Everything the retraining job reads: the shared options, the topics it shares with the trigger, its own. */
    public static final Options OPTIONS = CommonOptions.ALL
            .plus(Options.of(TriggerOptions.REQUEST_TOPIC, TriggerOptions.FEEDBACK_TOPIC, TriggerOptions.DEFAULT_MODEL))
            .plus(RetrainingOptions.OWN);

    /** The defaults with {@code values} over them; unknown keys are refused. */
    public static RetrainingConfig of(Map<String, String> values) {
        return read(new Settings(OPTIONS, values));
    }

    /** Reads this job's keys from settings that may hold others' too (the trigger's). */
    public static RetrainingConfig read(Settings s) {
        Map<String, String> schemaRegistry = SchemaRegistryConfig.clientSettings(
                s.get(CommonOptions.SCHEMA_REGISTRY_URL),
                s.get(CommonOptions.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO),
                s.get(CommonOptions.SCHEMA_REGISTRY_BEARER_TOKEN));
        Kafka kafka = new Kafka(
                s.get(CommonOptions.KAFKA_BOOTSTRAP_SERVERS),
                s.withPrefix(KafkaClientProperties.OPTION),
                schemaRegistry);
        Topics topics = new Topics(
                s.get(TriggerOptions.REQUEST_TOPIC),
                s.get(TriggerOptions.FEEDBACK_TOPIC),
                s.get(CommonOptions.MODEL_EVENTS_TOPIC));

        ModelRegistryLocation registry = modelRegistry(s);

        PromotionPolicy promotion = new PromotionPolicy(
                s.get(RetrainingOptions.PROMOTION_METRIC), s.get(RetrainingOptions.PROMOTION_MARGIN));
        Training training = new Training(
                s.get(RetrainingOptions.HOLDOUT_FRACTION),
                s.get(RetrainingOptions.MIN_FEEDBACK),
                s.get(RetrainingOptions.SEED),
                promotion,
                s.get(TriggerOptions.DEFAULT_MODEL),
                new FineTuning(
                        s.get(RetrainingOptions.FINE_TUNE),
                        s.getOptional(RetrainingOptions.FINE_TUNE_EPOCHS).orElse(null),
                        s.getOptional(RetrainingOptions.FINE_TUNE_MAX_STEPS).orElse(null),
                        s.get(RetrainingOptions.FINE_TUNE_MAX_SECONDS)));
        Delivery delivery = new Delivery(
                s.get(RetrainingOptions.GROUP_ID),
                s.get(RetrainingOptions.MAX_ATTEMPTS),
                Duration.ofMillis(s.get(RetrainingOptions.RETRY_BACKOFF_MS)),
                Duration.ofMillis(s.get(RetrainingOptions.MAX_RETRY_BACKOFF_MS)),
                Duration.ofMillis(s.get(RetrainingOptions.MAX_REQUEST_MS)),
                Duration.ofMillis(s.get(RetrainingOptions.FEEDBACK_READ_TIMEOUT_MS)));
        ComputeDevice device = ComputeDevice.parse(s.get(CommonOptions.INFERENCE_DEVICE));
        InferenceOptions.Builder runtime = InferenceOptions.builder()
                .device(device)
                .precision(Precision.parse(s.get(CommonOptions.INFERENCE_PRECISION), device))
                .gpuId(s.get(RetrainingOptions.GPU_ID))
                .interOpThreads(s.get(RetrainingOptions.INTER_OP_THREADS))
                .predictors(s.get(RetrainingOptions.PREDICTORS));
        s.getOptional(CommonOptions.INFERENCE_INTRA_OP_THREADS).ifPresent(runtime::intraOpThreads);
        s.getOptional(RetrainingOptions.MODEL_CACHE_DIR).ifPresent(runtime::modelCacheDir);
        InferenceOptions inference;
        try {
            inference = runtime.build();
        } catch (InvalidOptionsException e) {
            throw new ConfigException("inference: " + e.getMessage());
        }
        return new RetrainingConfig(kafka, topics, registry, training, delivery, inference);
    }

    /** The shared location, refusing what it would ignore: a directory beside a URL, a token without a URL. */
    private static ModelRegistryLocation modelRegistry(Settings s) {
        boolean remote = s.getOptional(CommonOptions.MODEL_REGISTRY_URL).isPresent();
        if (remote && s.getOptional(CommonOptions.MODEL_REGISTRY_DIR).isPresent()) {
            throw new ConfigException("give exactly one of model.registry.dir and model.registry.url");
        }
        if (!remote && s.getOptional(CommonOptions.MODEL_REGISTRY_TOKEN).isPresent()) {
            throw new ConfigException("model.registry.token needs model.registry.url");
        }
        return ModelRegistryLocation.of(s);
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + " is required");
        }
        return value.trim();
    }

    private static String topic(String key, String value) {
        String name = required(key, value);
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new ConfigException(key + ": invalid Kafka topic name '" + name + "'");
        }
        return name;
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigException(key + " must be > 0, got " + value);
        }
    }
}
