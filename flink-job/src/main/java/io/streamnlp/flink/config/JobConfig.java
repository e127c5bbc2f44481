package io.streamnlp.flink.config;

import io.streamnlp.drift.DriftThresholds;
import io.streamnlp.drift.WindowPolicy;
import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything the enrichment job needs, typed and validated once at start-up. Every key is
 * documented in docs/flink-job.md; the defaults run against the local stack on a laptop.
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
        int intraOpThreads,
        Drift drift,
        Recovery recovery)
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
    public record SchemaRegistry(String url, String basicAuthUserInfo, String bearerToken, int requestTimeoutMs, Retry outage)
            implements Serializable {
        /** The settings as the serde expects them. */
        public Map<String, String> clientConfig() {
            Map<String, String> m = new java.util.HashMap<>(SchemaRegistryConfig.clientSettings(url, basicAuthUserInfo, bearerToken));
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
    public record Model(String ref, String registryDir, String registryUrl, String registryToken, String bundleDir,
            Duration pollInterval, Duration retryBackoff, Duration retryBackoffMax, int loadAttempts)
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

        public DriftThresholds driftThresholds() {
            Map<String, Double> merged = new java.util.HashMap<>(DriftThresholds.defaults().asWireMap());
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

    /** Micro-batching limits. */
    public record Batch(int maxTokens, int maxSize, long maxDelayMs, int bufferCapacity) implements Serializable {}

    /** Parses {@code --config FILE} and {@code --key value} overrides; unknown keys are refused. */
    public static JobConfig fromArgs(String[] args) {
        ConfigReader r = ConfigReader.fromArgs(args);
        JobConfig c = read(r);
        r.refuseUnknownKeys();
        return c;
    }

    /** The defaults, with the given overrides; for embedding the job (demo, tests, benchmarks). */
    public static JobConfig of(Map<String, String> values) {
        ConfigReader r = new ConfigReader(values);
        JobConfig c = read(r);
        r.refuseUnknownKeys();
        return c;
    }

    private static JobConfig read(ConfigReader r) {
        Kafka kafka = new Kafka(
                r.string("kafka.bootstrap.servers", "127.0.0.1:9092"),
                r.string("kafka.group.id", "streamnlp-enrichment"),
                GuaranteedClientProperties.refuseOverrides("kafka.properties.", r.withPrefix("kafka.properties.")),
                enumValue(StartingOffsets.class, "kafka.starting-offsets", r.string("kafka.starting-offsets", "earliest")),
                r.bool("kafka.bounded", false),
                r.longValue("kafka.transaction-timeout-ms", 600_000, 1_000, 900_000));
        SchemaRegistry registry = new SchemaRegistry(
                r.string("registry.url", "http://127.0.0.1:8081/apis/ccompat/v7"),
                r.optional("registry.basic-auth-user-info"),
                r.optional("registry.bearer-token"),
                r.integer("registry.request-timeout-ms", 5_000, 100, 600_000),
                new Retry(
                        r.longValue("registry.outage.initial-backoff-ms", 500, 1, 600_000),
                        r.longValue("registry.outage.max-backoff-ms", 30_000, 1, 3_600_000),
                        r.longValue("registry.outage.max-wait-ms", 300_000, 0, 86_400_000)));
        Topics topics = new Topics(
                r.string("topics.input", "text-events"),
                r.string("topics.output", "enriched-events"),
                r.string("topics.dead-letters", "dead-letters"),
                r.string("topics.drift", "drift-metrics"),
                r.string("topics.model-events", "model-events"));
        Model model = new Model(
                r.string("model.ref", "default@champion"),
                r.string("model.registry.dir", defaultRegistryDir()),
                r.optional("model.registry.url"),
                // from the environment, so that a token need not appear on a command line
                r.string("model.registry.token", System.getenv("STREAMNLP_REGISTRY_TOKEN")),
                r.optional("model.bundle-dir"),
                r.duration("model.poll-interval", Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofDays(1)),
                r.duration("model.retry-backoff", Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofDays(1)),
                r.duration("model.retry-backoff-max", Duration.ofMinutes(10), Duration.ofMillis(10), Duration.ofDays(1)),
                r.integer("model.load-attempts", 3, 1, 100));
        if (model.retryBackoffMax().compareTo(model.retryBackoff()) < 0) {
            throw new ConfigException("model.retry-backoff-max (" + model.retryBackoffMax()
                    + ") must be at least model.retry-backoff (" + model.retryBackoff() + ")");
        }
        Set<Task> tasks = tasks(r.string("tasks", "classification,ner,summarization"));
        int parallelism = r.integer("parallelism", 1, 1, 1024);
        Batch batch = new Batch(
                r.integer("batch.max-tokens", 4096, 16, 1 << 20),
                r.integer("batch.max-size", 32, 1, 4096),
                r.longValue("batch.max-delay-ms", 50, 0, 60_000),
                r.integer("batch.buffer-capacity", 256, 1, 1 << 16));
        if (batch.bufferCapacity() < batch.maxSize()) {
            throw new ConfigException("batch.buffer-capacity (" + batch.bufferCapacity()
                    + ") must be at least batch.max-size (" + batch.maxSize() + ")");
        }
        Validation validation = new Validation(
                r.integer("validation.max-text-chars", 100_000, 1, 50_000_000),
                r.integer("validation.max-attributes", 64, 0, 1 << 20),
                r.integer("validation.max-attribute-bytes", 4_096, 1, 50_000_000));
        Output output = output(r, kafka);
        String device = r.string("inference.device", "cpu").toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new ConfigException("inference.device must be cpu or gpu, got '" + device + "'");
        }
        Map<String, Double> thresholds = new java.util.TreeMap<>();
        r.withPrefix("drift.thresholds.").forEach((metric, value) -> {
            try {
                thresholds.put(metric, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new ConfigException("drift.thresholds." + metric + " must be a number, got '" + value + "'");
            }
        });
        Drift drift = new Drift(r.bool("drift.enabled", true), r.string("drift.window", "count:500"), Map.copyOf(thresholds));
        try {
            drift.windowPolicy();
            drift.driftThresholds();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("drift: " + e.getMessage());
        }
        long checkpointIntervalMs = r.longValue("checkpoint.interval-ms", 10_000, 100, 3_600_000);
        Recovery recovery = recovery(r, checkpointIntervalMs, kafka.transactionTimeoutMs());
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = r.integer("inference.intra-op-threads", Math.max(1, cores / parallelism), 1, 1024);
        return new JobConfig(
                r.string("job.name", "streamnlp-enrichment"),
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
                device,
                threads,
                drift,
                recovery);
    }

    private static Recovery recovery(ConfigReader r, long checkpointIntervalMs, long transactionTimeoutMs) {
        Recovery c = new Recovery(
                r.longValue("checkpoint.timeout-ms", 120_000, 1_000, 3_600_000),
                r.integer("checkpoint.tolerable-failures", 2, 0, 100),
                r.longValue("restart.initial-backoff-ms", 1_000, 1, 3_600_000),
                r.longValue("restart.max-backoff-ms", 60_000, 1, 3_600_000),
                r.doubleValue("restart.backoff-multiplier", 2.0, 1.0, 100.0),
                r.longValue("restart.reset-threshold-ms", 300_000, 1_000, 86_400_000));
        long openFor = (c.tolerableCheckpointFailures() + 1L) * (checkpointIntervalMs + c.checkpointTimeoutMs());
        if (openFor >= transactionTimeoutMs) {
            throw new ConfigException("a sink transaction can stay open (checkpoint.tolerable-failures + 1) x (checkpoint.interval-ms"
                    + " + checkpoint.timeout-ms) = " + openFor + " ms, which must be below kafka.transaction-timeout-ms ("
                    + transactionTimeoutMs + " ms): lower the checkpoint settings or raise the transaction timeout");
        }
        if (c.restartMaxBackoffMs() < c.restartInitialBackoffMs()) {
            throw new ConfigException("restart.max-backoff-ms (" + c.restartMaxBackoffMs()
                    + ") must be at least restart.initial-backoff-ms (" + c.restartInitialBackoffMs() + ")");
        }
        return c;
    }

    /** The producer refuses records over max.request.size (1 MiB by default), so the output limit follows it. */
    private static Output output(ConfigReader r, Kafka kafka) {
        String requestSize = kafka.clientProperties().get("max.request.size");
        int producerLimit;
        try {
            producerLimit = requestSize == null ? 1_048_576 : Integer.parseInt(requestSize.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("kafka.properties.max.request.size must be a whole number, got '" + requestSize + "'");
        }
        Output output = new Output(
                r.integer("output.max-record-bytes", producerLimit, 65_536, Integer.MAX_VALUE),
                r.integer("output.dead-letter-bytes-cap", 65_536, 0, Integer.MAX_VALUE));
        if (output.maxRecordBytes() > producerLimit) {
            throw new ConfigException("output.max-record-bytes (" + output.maxRecordBytes()
                    + ") must not exceed the producer's max.request.size (" + producerLimit + ")");
        }
        if (2L * output.deadLetterBytesCap() + OUTPUT_HEADROOM_BYTES > output.maxRecordBytes()) {
            throw new ConfigException("output.dead-letter-bytes-cap (" + output.deadLetterBytesCap() + ") must leave room for"
                    + " the key, the value and " + OUTPUT_HEADROOM_BYTES + " bytes of message and coordinates within"
                    + " output.max-record-bytes (" + output.maxRecordBytes() + ")");
        }
        return output;
    }

    private static String defaultRegistryDir() {
        String home = System.getenv("STREAMNLP_HOME");
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".streamnlp") : Path.of(home);
        return base.resolve("registry").toString();
    }

    private static Set<Task> tasks(String raw) {
        Set<Task> out = EnumSet.noneOf(Task.class);
        for (String t : raw.split(",")) {
            if (!t.isBlank()) {
                out.add(enumValue(Task.class, "tasks", t.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("tasks must name at least one of classification, ner, summarization");
        }
        return Set.copyOf(out);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String raw) {
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": unknown value '" + raw + "', expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
