package io.streamnlp.flink.config;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.config.KafkaClientProperties;
import io.streamnlp.config.Settings;
import io.streamnlp.drift.DriftThresholds;
import io.streamnlp.drift.WindowPolicy;
import io.streamnlp.registry.ModelRegistryLocation;
import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Everything the enrichment job needs, typed and validated once at start-up. The keys are declared in
 * {@link JobOptions} and documented in docs/flink-job.md; the defaults run against the local stack on a laptop.
 */
public record JobConfig(
        String jobName,
        Kafka kafka,
        SchemaRegistry registry,
        Topics topics,
        Model model,
        Set<Task> tasks,
        Batch batch,
        int parallelism,
        long checkpointIntervalMs,
        Validation validation,
        Output output,
        String device,
        String precision,
        Integer intraOpThreads,
        Drift drift,
        Recovery recovery,
        Moderation moderation,
        Stats stats)
        implements Serializable {

    /** Room a capped dead letter needs beside its key and value: message, coordinates, Kafka's record overhead. */
    public static final int OUTPUT_HEADROOM_BYTES = 16_384;

    /** The NLP tasks the job can run; each enabled one fills its field of EnrichedEvent. */
    public enum Task {
        CLASSIFICATION,
        NER,
        SUMMARIZATION
    }

    /** Kafka connection and pass-through client properties (SASL, TLS, ...). */
    public record Kafka(
            String bootstrapServers,
            String groupId,
            Map<String, String> clientProperties,
            StartingOffsets startingOffsets,
            boolean bounded,
            long transactionTimeoutMs)
            implements Serializable {}

    /** Where the source starts when the consumer group has no committed offsets. */
    public enum StartingOffsets {
        EARLIEST,
        LATEST
    }

    /**
     * Confluent-compatible schema registry; keys follow the Confluent client names. {@code outage} is how the decode
     * step waits out a registry it cannot reach before it gives up and fails the task.
     */
    public record SchemaRegistry(
            String url, String basicAuthUserInfo, String bearerToken, int requestTimeoutMs, Retry outage)
            implements Serializable {
        /** The settings as the serde expects them. */
        public Map<String, String> clientConfig() {
            Map<String, String> m =
                    new java.util.HashMap<>(SchemaRegistryConfig.clientSettings(url, basicAuthUserInfo, bearerToken));
            m.put(SchemaRegistryConfig.CONNECT_TIMEOUT_MS, Integer.toString(requestTimeoutMs));
            m.put(SchemaRegistryConfig.READ_TIMEOUT_MS, Integer.toString(requestTimeoutMs));
            return Map.copyOf(m);
        }
    }

    /** Capped exponential backoff: first wait, longest wait, and how long to keep trying in all. */
    public record Retry(long initialBackoffMs, long maxBackoffMs, long maxWaitMs) implements Serializable {}

    /** Limits a TextEvent must meet to be enriched; a record over one is dead-lettered. */
    public record Validation(int maxTextChars, int maxAttributes, int maxAttributeBytes) implements Serializable {}

    /**
     * What the sinks may write: a record whose size on the wire (key, value and Kafka's record overhead) would exceed
     * {@code maxRecordBytes} is replaced by an OUTPUT_TOO_LARGE dead letter that keeps at most {@code deadLetterBytesCap}
     * bytes of the original key and of the original value.
     */
    public record Output(int maxRecordBytes, int deadLetterBytesCap) implements Serializable {}

    /** Topic names. */
    public record Topics(String input, String output, String deadLetters, String drift, String modelEvents)
            implements Serializable {}

    /**
     * The model to serve: a reference into a model registry, or a bundle directory. A job that
     * follows a reference resolves it again every {@code pollInterval}; a version that fails to load
     * is retried after {@code retryBackoff}, doubling up to {@code retryBackoffMax}; a subtask that
     * starts makes {@code loadAttempts} attempts before it fails.
     */
    public record Model(
            String ref,
            ModelRegistryLocation registry,
            String bundleDir,
            Duration pollInterval,
            Duration retryBackoff,
            Duration retryBackoffMax,
            int loadAttempts)
            implements Serializable {

        /** How long to wait after the {@code failures}-th failed load of the same version. */
        public Duration retryDelay(int failures) {
            Duration delay = retryBackoff;
            for (int i = 1; i < failures && delay.compareTo(retryBackoffMax) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(retryBackoffMax) < 0 ? delay : retryBackoffMax;
        }
    }

    /**
     * Drift monitoring: the window policy as text ({@code count:500}, {@code time:5m}) and the
     * thresholds by metric wire name; both checked at start-up.
     */
    public record Drift(boolean enabled, String window, Map<String, Double> thresholds) implements Serializable {
        public WindowPolicy windowPolicy() {
            return WindowPolicy.parse(window);
        }

        /** The thresholds configured explicitly: they win over the reference profile's calibrated ones. */
        public DriftThresholds thresholdOverrides() {
            return DriftThresholds.fromWireNames(thresholds);
        }

        public DriftThresholds driftThresholds() {
            Map<String, Double> merged =
                    new java.util.HashMap<>(DriftThresholds.defaults().asWireMap());
            merged.putAll(thresholds);
            return DriftThresholds.fromWireNames(merged);
        }
    }

    /**
     * How the job rides out failures without giving up exactly-once. A sink transaction stays open
     * until a checkpoint completes, so {@code (tolerableCheckpointFailures + 1) x (interval + timeout)}
     * must fit in the transaction timeout: otherwise the broker aborts a transaction Flink still
     * means to commit, and its records are lost.
     */
    public record Recovery(
            long checkpointTimeoutMs,
            int tolerableCheckpointFailures,
            long restartInitialBackoffMs,
            long restartMaxBackoffMs,
            double restartBackoffMultiplier,
            long restartResetThresholdMs)
            implements Serializable {}

    /**
     * Moderation: whether the job decides on every enriched record, the name of the policy it follows on
     * {@code policiesTopic}, the topics its block and review decisions go to, and how long building the job may wait to
     * read the current policy.
     */
    public record Moderation(
            boolean enabled,
            String policy,
            String policiesTopic,
            String blockTopic,
            String reviewTopic,
            Duration startupReadTimeout)
            implements Serializable {}

    /**
     * The per-tenant aggregates for dashboards: tumbling event-time windows of {@code window}, a watermark
     * {@code outOfOrderness} behind the newest event time, windows updated by records up to {@code allowedLateness}
     * after they were emitted, and event time following the wall clock after {@code idleTimeout} without records.
     */
    public record Stats(
            boolean enabled,
            String topic,
            Duration window,
            Duration outOfOrderness,
            Duration allowedLateness,
            Duration idleTimeout)
            implements Serializable {}

    /** Micro-batching limits. */
    /** @param longTextTokens a text of at least this many tokens runs alone and at once */
    public record Batch(int maxTokens, int maxSize, long maxDelayMs, int bufferCapacity, int longTextTokens)
            implements Serializable {}

    /** The job's command line: see {@link ConfigSources} for the grammar; unknown keys are refused. */
    public static JobConfig fromArgs(String[] args) {
        return read(ConfigSources.fromArguments(JobOptions.ALL, System.getenv(), args));
    }

    /** The defaults, with the given overrides; for embedding the job (demo, tests, benchmarks). */
    public static JobConfig of(Map<String, String> values) {
        return read(new Settings(JobOptions.ALL, values));
    }

    private static JobConfig read(Settings s) {
        Kafka kafka = new Kafka(
                s.get(CommonOptions.KAFKA_BOOTSTRAP_SERVERS),
                s.get(JobOptions.GROUP_ID),
                GuaranteedClientProperties.refuseOverrides(s.withPrefix(KafkaClientProperties.OPTION)),
                s.get(JobOptions.STARTING_OFFSETS),
                s.get(JobOptions.BOUNDED),
                s.get(JobOptions.TRANSACTION_TIMEOUT_MS));
        SchemaRegistry registry = new SchemaRegistry(
                s.get(CommonOptions.SCHEMA_REGISTRY_URL),
                s.get(CommonOptions.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO),
                s.get(CommonOptions.SCHEMA_REGISTRY_BEARER_TOKEN),
                s.get(JobOptions.REGISTRY_REQUEST_TIMEOUT_MS),
                new Retry(
                        s.get(JobOptions.REGISTRY_OUTAGE_INITIAL_BACKOFF_MS),
                        s.get(JobOptions.REGISTRY_OUTAGE_MAX_BACKOFF_MS),
                        s.get(JobOptions.REGISTRY_OUTAGE_MAX_WAIT_MS)));
        Topics topics = new Topics(
                s.get(JobOptions.INPUT_TOPIC),
                s.get(JobOptions.OUTPUT_TOPIC),
                s.get(JobOptions.DEAD_LETTER_TOPIC),
                s.get(JobOptions.DRIFT_TOPIC),
                s.get(CommonOptions.MODEL_EVENTS_TOPIC));
        Model model = new Model(
                s.get(JobOptions.MODEL_REF),
                ModelRegistryLocation.of(s),
                s.get(JobOptions.MODEL_BUNDLE_DIR),
                s.get(JobOptions.MODEL_POLL_INTERVAL),
                s.get(JobOptions.MODEL_RETRY_BACKOFF),
                s.get(JobOptions.MODEL_RETRY_BACKOFF_MAX),
                s.get(JobOptions.MODEL_LOAD_ATTEMPTS));
        if (model.retryBackoffMax().compareTo(model.retryBackoff()) < 0) {
            throw new ConfigException("model.retry-backoff-max (" + model.retryBackoffMax()
                    + ") must be at least model.retry-backoff (" + model.retryBackoff() + ")");
        }
        Set<Task> tasks = s.get(JobOptions.TASKS);
        int parallelism = s.get(JobOptions.PARALLELISM);
        Batch batch = new Batch(
                s.get(JobOptions.BATCH_MAX_TOKENS),
                s.get(JobOptions.BATCH_MAX_SIZE),
                s.get(JobOptions.BATCH_MAX_DELAY_MS),
                s.get(JobOptions.BATCH_BUFFER_CAPACITY),
                s.get(JobOptions.BATCH_LONG_TEXT_TOKENS));
        if (batch.bufferCapacity() < batch.maxSize()) {
            throw new ConfigException("batch.buffer-capacity (" + batch.bufferCapacity()
                    + ") must be at least batch.max-size (" + batch.maxSize() + ")");
        }
        Validation validation = new Validation(
                s.get(JobOptions.MAX_TEXT_CHARS),
                s.get(JobOptions.MAX_ATTRIBUTES),
                s.get(JobOptions.MAX_ATTRIBUTE_BYTES));
        Output output = output(s, kafka);
        Map<String, Double> thresholds = new java.util.TreeMap<>();
        s.withPrefix(JobOptions.DRIFT_THRESHOLDS).forEach((metric, value) -> {
            try {
                thresholds.put(metric, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new ConfigException(
                        JobOptions.DRIFT_THRESHOLDS.prefix() + metric + " must be a number, got '" + value + "'");
            }
        });
        Drift drift =
                new Drift(s.get(JobOptions.DRIFT_ENABLED), s.get(JobOptions.DRIFT_WINDOW), Map.copyOf(thresholds));
        try {
            drift.windowPolicy();
            drift.driftThresholds();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("drift: " + e.getMessage());
        }
        long checkpointIntervalMs = s.get(JobOptions.CHECKPOINT_INTERVAL_MS);
        Recovery recovery = recovery(s, checkpointIntervalMs, kafka.transactionTimeoutMs());
        // null: each TaskManager divides its own cores by its task slots (IntraOpThreads)
        Integer threads =
                s.getOptional(CommonOptions.INFERENCE_INTRA_OP_THREADS).orElse(null);
        return new JobConfig(
                s.get(JobOptions.JOB_NAME),
                kafka,
                registry,
                topics,
                model,
                tasks,
                batch,
                parallelism,
                checkpointIntervalMs,
                validation,
                output,
                s.get(CommonOptions.INFERENCE_DEVICE),
                s.get(CommonOptions.INFERENCE_PRECISION),
                threads,
                drift,
                recovery,
                new Moderation(
                        s.get(JobOptions.MODERATION_ENABLED),
                        s.get(JobOptions.MODERATION_POLICY),
                        s.get(JobOptions.POLICIES_TOPIC),
                        s.get(JobOptions.MODERATION_BLOCK_TOPIC),
                        s.get(JobOptions.MODERATION_REVIEW_TOPIC),
                        s.get(JobOptions.MODERATION_STARTUP_READ_TIMEOUT)),
                new Stats(
                        s.get(JobOptions.STATS_ENABLED),
                        s.get(JobOptions.STATS_TOPIC),
                        s.get(JobOptions.STATS_WINDOW),
                        s.get(JobOptions.STATS_OUT_OF_ORDERNESS),
                        s.get(JobOptions.STATS_ALLOWED_LATENESS),
                        s.get(JobOptions.STATS_IDLE_TIMEOUT)));
    }

    private static Recovery recovery(Settings s, long checkpointIntervalMs, long transactionTimeoutMs) {
        Recovery c = new Recovery(
                s.get(JobOptions.CHECKPOINT_TIMEOUT_MS),
                s.get(JobOptions.CHECKPOINT_TOLERABLE_FAILURES),
                s.get(JobOptions.RESTART_INITIAL_BACKOFF_MS),
                s.get(JobOptions.RESTART_MAX_BACKOFF_MS),
                s.get(JobOptions.RESTART_BACKOFF_MULTIPLIER),
                s.get(JobOptions.RESTART_RESET_THRESHOLD_MS));
        long openFor = (c.tolerableCheckpointFailures() + 1L) * (checkpointIntervalMs + c.checkpointTimeoutMs());
        if (openFor >= transactionTimeoutMs) {
            throw new ConfigException(
                    "a sink transaction can stay open (checkpoint.tolerable-failures + 1) x (checkpoint.interval-ms"
                            + " + checkpoint.timeout-ms) = " + openFor
                            + " ms, which must be below kafka.transaction-timeout-ms ("
                            + transactionTimeoutMs
                            + " ms): lower the checkpoint settings or raise the transaction timeout");
        }
        if (c.restartMaxBackoffMs() < c.restartInitialBackoffMs()) {
            throw new ConfigException("restart.max-backoff-ms (" + c.restartMaxBackoffMs()
                    + ") must be at least restart.initial-backoff-ms (" + c.restartInitialBackoffMs() + ")");
        }
        return c;
    }

    /** The producer refuses records over max.request.size (1 MiB by default), so the output limit follows it. */
    private static Output output(Settings s, Kafka kafka) {
        String requestSize = kafka.clientProperties().get("max.request.size");
        int producerLimit;
        try {
            producerLimit = requestSize == null ? 1_048_576 : Integer.parseInt(requestSize.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(KafkaClientProperties.OPTION.prefix()
                    + "max.request.size must be an integer, got '" + requestSize + "'");
        }
        Output output = new Output(
                s.getOptional(JobOptions.OUTPUT_MAX_RECORD_BYTES).orElse(producerLimit),
                s.get(JobOptions.OUTPUT_DEAD_LETTER_BYTES_CAP));
        if (output.maxRecordBytes() > producerLimit) {
            throw new ConfigException("output.max-record-bytes (" + output.maxRecordBytes()
                    + ") must not exceed the producer's max.request.size (" + producerLimit + ")");
        }
        if (2L * output.deadLetterBytesCap() + OUTPUT_HEADROOM_BYTES > output.maxRecordBytes()) {
            throw new ConfigException("output.dead-letter-bytes-cap (" + output.deadLetterBytesCap()
                    + ") must leave room for"
                    + " the key, the value and " + OUTPUT_HEADROOM_BYTES + " bytes of message and coordinates within"
                    + " output.max-record-bytes (" + output.maxRecordBytes() + ")");
        }
        return output;
    }
}
