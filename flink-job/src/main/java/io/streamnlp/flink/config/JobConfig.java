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
        int maxTextChars,
        String device,
        int intraOpThreads,
        Drift drift)
        implements Serializable {

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

    /** Confluent-compatible schema registry; keys follow the Confluent client names. */
    public record SchemaRegistry(String url, String basicAuthUserInfo, String bearerToken) implements Serializable {
        /** The settings as the serde expects them. */
        public Map<String, String> clientConfig() {
            return SchemaRegistryConfig.clientSettings(url, basicAuthUserInfo, bearerToken);
        }
    }

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
                r.withPrefix("kafka.properties."),
                enumValue(StartingOffsets.class, "kafka.starting-offsets", r.string("kafka.starting-offsets", "earliest")),
                r.bool("kafka.bounded", false),
                r.longValue("kafka.transaction-timeout-ms", 600_000, 1_000, 900_000));
        SchemaRegistry registry = new SchemaRegistry(
                r.string("registry.url", "http://127.0.0.1:8081/apis/ccompat/v7"),
                r.optional("registry.basic-auth-user-info"),
                r.optional("registry.bearer-token"));
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
                r.optional("model.registry.token"),
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
                r.longValue("checkpoint.interval-ms", 10_000, 100, 3_600_000),
                r.integer("validation.max-text-chars", 100_000, 1, 50_000_000),
                device,
                threads,
                drift);
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
