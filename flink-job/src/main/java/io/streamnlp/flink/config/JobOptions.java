package io.streamnlp.flink.config;

import static io.streamnlp.config.ConfigOptions.key;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.ConfigOption;
import io.streamnlp.config.ConfigOptions;
import io.streamnlp.config.OptionType;
import io.streamnlp.config.Options;
import io.streamnlp.config.PrefixOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The enrichment job's options; docs/flink-job.md's table is generated from them (with {@link CommonOptions}'). */
public final class JobOptions {
    private JobOptions() {}

    public static final ConfigOption<String> JOB_NAME = key("job.name")
            .stringType()
            .defaultValue("streamnlp-enrichment")
            .withDescription("Flink job name; also the prefix of the sinks' transactional ids");
    public static final ConfigOption<String> GROUP_ID = key("kafka.group.id")
            .stringType()
            .defaultValue("streamnlp-enrichment")
            .withDescription("consumer group (offsets are committed on checkpoints)");
    public static final ConfigOption<JobConfig.StartingOffsets> STARTING_OFFSETS = key("kafka.starting-offsets")
            .enumType(JobConfig.StartingOffsets.class)
            .defaultValue(JobConfig.StartingOffsets.EARLIEST)
            .withDescription("where to start without committed offsets: `earliest` or `latest`");
    public static final ConfigOption<Boolean> BOUNDED = key("kafka.bounded")
            .booleanType()
            .defaultValue(false)
            .withDescription("stop at the offsets that are latest at start-up (tests, benchmarks, backfills)");
    public static final ConfigOption<Long> TRANSACTION_TIMEOUT_MS = key("kafka.transaction-timeout-ms")
            .longType()
            .defaultValue(600_000L)
            .between(1_000L, 900_000L)
            .withDescription("producer transaction timeout; must not exceed the broker's `transaction.max.timeout.ms`");

    public static final ConfigOption<Integer> REGISTRY_REQUEST_TIMEOUT_MS = key("registry.request-timeout-ms")
            .intType()
            .defaultValue(5_000)
            .between(100, 600_000)
            .withDescription(
                    "connect and read timeout of one schema registry request (the client retries a request 3 times itself)");
    public static final ConfigOption<Long> REGISTRY_OUTAGE_INITIAL_BACKOFF_MS =
            key("registry.outage.initial-backoff-ms")
                    .longType()
                    .defaultValue(500L)
                    .between(1L, 600_000L)
                    .withDescription(
                            "first wait between decode attempts while the schema registry is unavailable; doubles up to the maximum");
    public static final ConfigOption<Long> REGISTRY_OUTAGE_MAX_BACKOFF_MS = key("registry.outage.max-backoff-ms")
            .longType()
            .defaultValue(30_000L)
            .between(1L, 3_600_000L)
            .withDescription("longest wait between decode attempts while the schema registry is unavailable");
    public static final ConfigOption<Long> REGISTRY_OUTAGE_MAX_WAIT_MS = key("registry.outage.max-wait-ms")
            .longType()
            .defaultValue(300_000L)
            .between(0L, 86_400_000L)
            .withDescription(
                    "how long one record waits out an outage before the task fails and the job restarts from its last checkpoint");

    public static final ConfigOption<String> INPUT_TOPIC =
            key("topics.input").stringType().defaultValue("text-events").withDescription("`TextEvent`s to enrich");
    public static final ConfigOption<String> OUTPUT_TOPIC =
            key("topics.output").stringType().defaultValue("enriched-events").withDescription("`EnrichedEvent`s");
    public static final ConfigOption<String> DEAD_LETTER_TOPIC = key("topics.dead-letters")
            .stringType()
            .defaultValue("dead-letters")
            .withDescription("records that cannot be enriched, with the reason");
    public static final ConfigOption<String> DRIFT_TOPIC =
            key("topics.drift").stringType().defaultValue("drift-metrics").withDescription("`DriftReport`s");

    public static final ConfigOption<Boolean> MODERATION_ENABLED = key("moderation.enabled")
            .booleanType()
            .defaultValue(false)
            .withDescription(
                    "decide on every enriched record with the policy `moderation.policy` ([moderation.md](moderation.md))");
    public static final ConfigOption<String> MODERATION_POLICY = key("moderation.policy")
            .stringType()
            .defaultValue("default")
            .withDescription("name of the policy to follow: the key of its documents on `topics.policies`");
    public static final ConfigOption<Duration> MODERATION_STARTUP_READ_TIMEOUT = key("moderation.startup-read-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .between(Duration.ofMillis(100), Duration.ofHours(1))
            .withDescription("longest wait, when the job is built, to read the current policy from `topics.policies`");
    public static final ConfigOption<String> POLICIES_TOPIC = key("topics.policies")
            .stringType()
            .defaultValue("moderation-policies")
            .withDescription(
                    "compacted topic of moderation policy documents (key: policy name, value: the JSON document)");
    public static final ConfigOption<String> MODERATION_BLOCK_TOPIC = key("topics.moderation-block")
            .stringType()
            .defaultValue("moderation-block")
            .withDescription("`EnrichedEvent`s the policy blocks");
    public static final ConfigOption<String> MODERATION_REVIEW_TOPIC = key("topics.moderation-review")
            .stringType()
            .defaultValue("moderation-review")
            .withDescription(
                    "`EnrichedEvent`s the policy sends to review, and allowed ones picked for the audit sample");

    public static final ConfigOption<String> MODEL_REF = CommonOptions.MODEL_REF;
    public static final ConfigOption<String> MODEL_BUNDLE_DIR = key("model.bundle-dir")
            .stringType()
            .noDefaultValue()
            .withDescription("serve this bundle directory directly (no registry, no hot swap)");
    public static final ConfigOption<Duration> MODEL_POLL_INTERVAL = CommonOptions.MODEL_POLL_INTERVAL;
    public static final ConfigOption<Duration> MODEL_RETRY_BACKOFF = key("model.retry-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .between(Duration.ofMillis(10), Duration.ofDays(1))
            .withDescription("wait before loading a version that failed again; doubles on every further failure");
    public static final ConfigOption<Duration> MODEL_RETRY_BACKOFF_MAX = key("model.retry-backoff-max")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .between(Duration.ofMillis(10), Duration.ofDays(1))
            .withDescription("cap of that wait (≥ `model.retry-backoff`)");
    public static final ConfigOption<Integer> MODEL_LOAD_ATTEMPTS = key("model.load-attempts")
            .intType()
            .defaultValue(3)
            .between(1, 100)
            .withDescription(
                    "attempts, spaced by the backoff, to load a model when a subtask starts before the start fails");

    public static final ConfigOption<Set<JobConfig.Task>> TASKS = key("tasks")
            .type(taskSet())
            .defaultValue(EnumSet.allOf(JobConfig.Task.class))
            .withDescription("tasks to run; each fills its field of `EnrichedEvent`");

    public static final ConfigOption<Integer> BATCH_MAX_TOKENS = CommonOptions.BATCH_MAX_TOKENS;
    public static final ConfigOption<Integer> BATCH_MAX_SIZE = CommonOptions.BATCH_MAX_SIZE;
    public static final ConfigOption<Long> BATCH_MAX_DELAY_MS = CommonOptions.BATCH_MAX_DELAY_MS;
    public static final ConfigOption<Integer> BATCH_LONG_TEXT_TOKENS = key("batch.long-text-tokens")
            .intType()
            .defaultValue(256)
            .between(1, 1 << 20)
            .withDescription(
                    "a text of at least this many tokens runs alone and at once: it pads no other text to its length"
                            + " and waits for no company");
    public static final ConfigOption<Integer> BATCH_BUFFER_CAPACITY = key("batch.buffer-capacity")
            .intType()
            .defaultValue(256)
            .between(1, 1 << 16)
            .withDescription(
                    "events the batcher holds at most before it runs its fullest batches (≥ `batch.max-size`; raised to 11 × `batch.max-size`, one full batch per length bucket)");

    public static final ConfigOption<Integer> PARALLELISM =
            key("parallelism").intType().defaultValue(1).between(1, 1024).withDescription("job parallelism");
    public static final ConfigOption<Long> CHECKPOINT_INTERVAL_MS = key("checkpoint.interval-ms")
            .longType()
            .defaultValue(10_000L)
            .between(100L, 3_600_000L)
            .withDescription("checkpoint interval; also how often output becomes visible to `read_committed` readers");
    public static final ConfigOption<Long> CHECKPOINT_TIMEOUT_MS = key("checkpoint.timeout-ms")
            .longType()
            .defaultValue(120_000L)
            .between(1_000L, 3_600_000L)
            .withDescription("a checkpoint that takes longer is declared failed");
    public static final ConfigOption<Integer> CHECKPOINT_TOLERABLE_FAILURES = key("checkpoint.tolerable-failures")
            .intType()
            .defaultValue(2)
            .between(0, 100)
            .withDescription("failed checkpoints in a row that do not restart the job");
    public static final ConfigOption<Long> RESTART_INITIAL_BACKOFF_MS = key("restart.initial-backoff-ms")
            .longType()
            .defaultValue(1_000L)
            .between(1L, 3_600_000L)
            .withDescription("wait before the first restart after a failure");
    public static final ConfigOption<Long> RESTART_MAX_BACKOFF_MS = key("restart.max-backoff-ms")
            .longType()
            .defaultValue(60_000L)
            .between(1L, 3_600_000L)
            .withDescription("the longest wait between restarts");
    public static final ConfigOption<Double> RESTART_BACKOFF_MULTIPLIER = key("restart.backoff-multiplier")
            .doubleType()
            .defaultValue(2.0)
            .between(1.0, 100.0)
            .withDescription("each further restart waits this much longer (with 10% jitter)");
    public static final ConfigOption<Long> RESTART_RESET_THRESHOLD_MS = key("restart.reset-threshold-ms")
            .longType()
            .defaultValue(300_000L)
            .between(1_000L, 86_400_000L)
            .withDescription(
                    "after running this long without a failure, the next restart waits `restart.initial-backoff-ms` again");

    public static final ConfigOption<Integer> MAX_TEXT_CHARS = key("validation.max-text-chars")
            .intType()
            .defaultValue(100_000)
            .between(1, 50_000_000)
            .withDescription("longer texts are dead-lettered as `TEXT_TOO_LONG`");
    public static final ConfigOption<Integer> MAX_ATTRIBUTES = key("validation.max-attributes")
            .intType()
            .defaultValue(64)
            .between(0, 1 << 20)
            .withDescription("events with more `attributes` entries are dead-lettered as `ATTRIBUTES_TOO_LARGE`");
    public static final ConfigOption<Integer> MAX_ATTRIBUTE_BYTES = key("validation.max-attribute-bytes")
            .intType()
            .defaultValue(4_096)
            .between(1, 50_000_000)
            .withDescription(
                    "an `attributes` entry whose key and value take more UTF-8 bytes is dead-lettered as `ATTRIBUTES_TOO_LARGE`");

    public static final ConfigOption<Integer> OUTPUT_MAX_RECORD_BYTES = key("output.max-record-bytes")
            .intType()
            .noDefaultValue()
            .between(65_536, Integer.MAX_VALUE)
            .withDocumentedDefault("kafka.properties.max.request.size, else 1048576")
            .withDescription(
                    "largest record (key, value and Kafka's record overhead) the sinks write; at most the producer's"
                            + " `max.request.size`. Set it to the smallest `max.message.bytes` of the output and dead-letter topics"
                            + " when that is lower");
    public static final ConfigOption<Integer> OUTPUT_DEAD_LETTER_BYTES_CAP = key("output.dead-letter-bytes-cap")
            .intType()
            .defaultValue(65_536)
            .between(0, Integer.MAX_VALUE)
            .withDescription(
                    "an `OUTPUT_TOO_LARGE` dead letter keeps at most this many bytes of the original key and of the"
                            + " original value; twice this plus 16 KiB must fit in `output.max-record-bytes`");

    public static final ConfigOption<Boolean> DRIFT_ENABLED = key("drift.enabled")
            .booleanType()
            .defaultValue(true)
            .withDescription("compute drift windows and write `DriftReport`s to `topics.drift`");
    public static final ConfigOption<String> DRIFT_WINDOW = key("drift.window")
            .stringType()
            .defaultValue("count:500")
            .withDescription("window policy: `count:N` events, or `time:5m` of processing time, per served version");
    public static final PrefixOption DRIFT_THRESHOLDS = ConfigOptions.prefix(
            "drift.thresholds.",
            "override one threshold by its metric's wire name, e.g. `drift.thresholds.js_distance=0.15`, over the"
                    + " reference profile's calibrated thresholds and the fixed defaults ([drift.md](drift.md))");

    public static final ConfigOption<String> STATS_TOPIC = key("topics.stats")
            .stringType()
            .defaultValue("enrichment-stats")
            .withDescription("`EnrichmentStats`: per-tenant window aggregates for dashboards, keyed by tenant");
    public static final ConfigOption<Boolean> STATS_ENABLED = key("stats.enabled")
            .booleanType()
            .defaultValue(true)
            .withDescription(
                    "aggregate the output and the dead letters per tenant in event-time windows and write them to `topics.stats`");
    public static final ConfigOption<Duration> STATS_WINDOW = key("stats.window")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .between(Duration.ofSeconds(1), Duration.ofDays(1))
            .withDescription(
                    "tumbling window size in event time (`created_at`; a dead letter's Kafka record timestamp)");
    public static final ConfigOption<Duration> STATS_OUT_OF_ORDERNESS = key("stats.out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .between(Duration.ZERO, Duration.ofHours(1))
            .withDescription("how far the watermark stays behind the newest event time seen");
    public static final ConfigOption<Duration> STATS_ALLOWED_LATENESS = key("stats.allowed-lateness")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .between(Duration.ZERO, Duration.ofDays(1))
            .withDescription(
                    "a record this late after its window was emitted emits it again with `revision` + 1; a later one is"
                            + " counted in `late_events` of the window open when it arrives");
    public static final ConfigOption<Duration> STATS_IDLE_TIMEOUT = key("stats.idle-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .between(Duration.ofMillis(100), Duration.ofHours(1))
            .withDescription(
                    "after this long without records, event time moves on with the wall clock from the newest record"
                            + " seen, so that the last windows of a quiet stream close");

    /** The job's own options, in documentation order. */
    public static final Options OWN = Options.of(
                    JOB_NAME,
                    GROUP_ID,
                    STARTING_OFFSETS,
                    BOUNDED,
                    TRANSACTION_TIMEOUT_MS,
                    REGISTRY_REQUEST_TIMEOUT_MS,
                    REGISTRY_OUTAGE_INITIAL_BACKOFF_MS,
                    REGISTRY_OUTAGE_MAX_BACKOFF_MS,
                    REGISTRY_OUTAGE_MAX_WAIT_MS,
                    INPUT_TOPIC,
                    OUTPUT_TOPIC,
                    DEAD_LETTER_TOPIC,
                    DRIFT_TOPIC,
                    POLICIES_TOPIC,
                    MODERATION_BLOCK_TOPIC,
                    MODERATION_REVIEW_TOPIC,
                    MODERATION_ENABLED,
                    MODERATION_POLICY,
                    MODERATION_STARTUP_READ_TIMEOUT,
                    MODEL_REF,
                    MODEL_BUNDLE_DIR,
                    MODEL_POLL_INTERVAL,
                    MODEL_RETRY_BACKOFF,
                    MODEL_RETRY_BACKOFF_MAX,
                    MODEL_LOAD_ATTEMPTS,
                    TASKS,
                    BATCH_MAX_TOKENS,
                    BATCH_MAX_SIZE,
                    BATCH_MAX_DELAY_MS,
                    BATCH_LONG_TEXT_TOKENS,
                    BATCH_BUFFER_CAPACITY,
                    PARALLELISM,
                    CHECKPOINT_INTERVAL_MS,
                    CHECKPOINT_TIMEOUT_MS,
                    CHECKPOINT_TOLERABLE_FAILURES,
                    RESTART_INITIAL_BACKOFF_MS,
                    RESTART_MAX_BACKOFF_MS,
                    RESTART_BACKOFF_MULTIPLIER,
                    RESTART_RESET_THRESHOLD_MS,
                    MAX_TEXT_CHARS,
                    MAX_ATTRIBUTES,
                    MAX_ATTRIBUTE_BYTES,
                    OUTPUT_MAX_RECORD_BYTES,
                    OUTPUT_DEAD_LETTER_BYTES_CAP,
                    DRIFT_ENABLED,
                    DRIFT_WINDOW,
                    STATS_TOPIC,
                    STATS_ENABLED,
                    STATS_WINDOW,
                    STATS_OUT_OF_ORDERNESS,
                    STATS_ALLOWED_LATENESS,
                    STATS_IDLE_TIMEOUT)
            .plus(DRIFT_THRESHOLDS);

    /** Everything the job reads: the shared options and its own. */
    public static final Options ALL = CommonOptions.ALL.plus(OWN);

    private static OptionType<Set<JobConfig.Task>> taskSet() {
        return OptionType.of(
                "a list of classification, ner, summarization",
                JobOptions::tasks,
                tasks -> tasks.stream()
                        .sorted()
                        .map(t -> t.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(",")));
    }

    private static Set<JobConfig.Task> tasks(String raw) {
        Set<JobConfig.Task> out = EnumSet.noneOf(JobConfig.Task.class);
        for (String t : raw.split(",")) {
            if (!t.isBlank()) {
                try {
                    out.add(JobConfig.Task.valueOf(t.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("tasks: unknown value '" + t.trim() + "', expected one of "
                            + Arrays.toString(JobConfig.Task.values()).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("tasks must name at least one of classification, ner, summarization");
        }
        return Set.copyOf(out);
    }
}
