package io.streamnlp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Options that the job, the retrainer and the CLI share, so that one rendered properties file serves them all. */
public final class CommonOptions {
    private CommonOptions() {}

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap.servers")
            .stringType()
            .defaultValue("127.0.0.1:9092")
            .withDescription("Kafka brokers");

    public static final ConfigOption<String> SCHEMA_REGISTRY_URL = ConfigOptions.key("registry.url")
            .stringType()
            .defaultValue("http://127.0.0.1:8081/apis/ccompat/v7")
            .withDescription("Confluent-compatible schema registry (Confluent, or Apicurio's `/apis/ccompat/v7`)");

    public static final ConfigOption<String> SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = ConfigOptions.key(
                    "registry.basic-auth-user-info")
            .stringType()
            .noDefaultValue()
            .withDescription("`user:password` for the schema registry");

    public static final ConfigOption<String> SCHEMA_REGISTRY_BEARER_TOKEN = ConfigOptions.key("registry.bearer-token")
            .stringType()
            .noDefaultValue()
            .withDescription("bearer token for the schema registry");

    public static final ConfigOption<String> MODEL_EVENTS_TOPIC = ConfigOptions.key("topics.model-events")
            .stringType()
            .defaultValue("model-events")
            .withDescription("compacted topic of the model registry's changes");

    public static final ConfigOption<Path> MODEL_REGISTRY_DIR = ConfigOptions.key("model.registry.dir")
            .pathType()
            .noDefaultValue()
            .withDocumentedDefault("$STREAMNLP_HOME/registry (~/.streamnlp/registry)")
            .withDescription("model registry root on a shared file system");

    public static final ConfigOption<String> MODEL_REGISTRY_URL = ConfigOptions.key("model.registry.url")
            .stringType()
            .noDefaultValue()
            .withDescription("a remote model registry (HTTP API) instead of a directory");

    public static final ConfigOption<String> MODEL_REGISTRY_TOKEN = ConfigOptions.key("model.registry.token")
            .stringType()
            .noDefaultValue()
            .withDocumentedDefault("$STREAMNLP_REGISTRY_TOKEN")
            .withDescription("the remote model registry's bearer token; defaults to the environment variable so that it"
                    + " need not appear on a command line");

    public static final ConfigOption<String> INFERENCE_DEVICE = ConfigOptions.key("inference.device")
            .type(OptionType.of("cpu or gpu", CommonOptions::device, d -> d))
            .defaultValue("cpu")
            .withDescription("`cpu` or `gpu` (needs the `gpu` build and CUDA)");

    public static final ConfigOption<String> INFERENCE_PRECISION = ConfigOptions.key("inference.precision")
            .type(OptionType.of("auto, fp32 or int8", CommonOptions::precision, p -> p))
            .defaultValue("auto")
            .withDescription("precision of the encoder and of Hugging Face task models: `auto` is `int8` on `cpu` (a"
                    + " dynamically quantized copy of the fp32 graph, about 2.1 times the texts/s within a point of"
                    + " fp32 on every dev set) and `fp32` on `gpu`; docs/inference.md gives speed and quality per"
                    + " precision");

    public static final ConfigOption<Integer> INFERENCE_INTRA_OP_THREADS = ConfigOptions.key(
                    "inference.intra-op-threads")
            .intType()
            .noDefaultValue()
            .between(1, 1024)
            .withDocumentedDefault("job: the TaskManager's cores / its task slots, retrainer: min(cores, 4)")
            .withDescription("ONNX Runtime threads per model; keep slots × threads ≤ cores");

    public static final ConfigOption<String> MODEL_REF = ConfigOptions.key("model.ref")
            .stringType()
            .defaultValue("default@champion")
            .withDescription("model to serve: `NAME`, `NAME:VERSION` or `NAME@ALIAS` in the model registry");

    public static final ConfigOption<Duration> MODEL_POLL_INTERVAL = ConfigOptions.key("model.poll-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .between(Duration.ofMillis(100), Duration.ofDays(1))
            .withDescription("how often a registry reference is resolved again, model events or not (`500ms`, `30s`,"
                    + " `5m`, `PT1M`); a new version is loaded beside the old and swapped in between batches");

    public static final ConfigOption<Integer> BATCH_MAX_TOKENS = ConfigOptions.key("batch.max-tokens")
            .intType()
            .defaultValue(2048)
            .between(16, 1 << 20)
            .withDescription("padded tokens (texts × longest) per encoder pass");

    public static final ConfigOption<Integer> BATCH_MAX_SIZE = ConfigOptions.key("batch.max-size")
            .intType()
            .defaultValue(32)
            .between(1, 4096)
            .withDescription("texts per encoder pass");

    public static final ConfigOption<Long> BATCH_MAX_DELAY_MS = ConfigOptions.key("batch.max-delay-ms")
            .longType()
            .defaultValue(50L)
            .between(0L, 60_000L)
            .withDescription("longest a text waits for its batch to fill");

    /**
     * The shared options, in documentation order. The model and batching keys above are not among them: the job
     * and the server each document them with defaults of their own.
     */
    public static final Options ALL = Options.of(
                    KAFKA_BOOTSTRAP_SERVERS,
                    SCHEMA_REGISTRY_URL,
                    SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO,
                    SCHEMA_REGISTRY_BEARER_TOKEN,
                    MODEL_EVENTS_TOPIC,
                    MODEL_REGISTRY_DIR,
                    MODEL_REGISTRY_URL,
                    MODEL_REGISTRY_TOKEN,
                    INFERENCE_DEVICE,
                    INFERENCE_PRECISION,
                    INFERENCE_INTRA_OP_THREADS)
            .plus(KafkaClientProperties.OPTION);

    /**
     * What a program that talks to Kafka, the schema registry and the model registry reads (the console, the CLI's
     * event clients): the addresses and credentials of the three, and the Kafka client pass-through.
     */
    public static final Options CLIENTS = Options.of(
                    KAFKA_BOOTSTRAP_SERVERS,
                    SCHEMA_REGISTRY_URL,
                    SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO,
                    SCHEMA_REGISTRY_BEARER_TOKEN,
                    MODEL_REGISTRY_DIR,
                    MODEL_REGISTRY_URL,
                    MODEL_REGISTRY_TOKEN)
            .plus(KafkaClientProperties.OPTION);

    /** {@code $STREAMNLP_HOME}, {@code ~/.streamnlp} without it: where the programs' defaults keep their files. */
    public static Path streamnlpHome() {
        return streamnlpHome(System.getenv(), System.getProperty("user.home"));
    }

    static Path streamnlpHome(Map<String, String> environment, String userHome) {
        String home = environment.get("STREAMNLP_HOME");
        return home == null || home.isBlank() ? Path.of(userHome, ".streamnlp") : Path.of(home);
    }

    /** {@code $STREAMNLP_HOME/registry}, {@code ~/.streamnlp/registry} without it. */
    public static Path defaultModelRegistryDir() {
        return streamnlpHome().resolve("registry");
    }

    private static String device(String text) {
        String device = text.toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException(text);
        }
        return device;
    }

    private static String precision(String text) {
        String precision = text.toLowerCase(Locale.ROOT);
        if (!precision.equals("auto") && !precision.equals("fp32") && !precision.equals("int8")) {
            throw new IllegalArgumentException(text);
        }
        return precision;
    }

    /** The token of {@link #MODEL_REGISTRY_TOKEN}'s documented default, or null. */
    public static String registryTokenFromEnvironment() {
        String token = System.getenv("STREAMNLP_REGISTRY_TOKEN");
        return token == null || token.isBlank() ? null : token;
    }
}
