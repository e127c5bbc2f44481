package io.streamnlp.server;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigOption;
import io.streamnlp.config.ConfigOptions;
import io.streamnlp.config.Options;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The options of {@code streamnlp serve}. The model and batching keys are declared once in {@link CommonOptions}
 * and shared with the job, so one properties file can describe both; their defaults here suit a request/response
 * server rather than a stream.
 */
public final class ServerOptions {
    private ServerOptions() {}

    public static final ConfigOption<String> BIND = ConfigOptions.key("server.bind")
            .stringType()
            .defaultValue("127.0.0.1")
            .withDescription("address to listen on; a non-loopback address needs a token");

    public static final ConfigOption<Integer> PORT = ConfigOptions.key("server.port")
            .intType()
            .defaultValue(8095)
            .between(0, 65535)
            .withDescription("port to listen on (0 picks a free one)");

    public static final ConfigOption<Path> TOKEN_FILE = ConfigOptions.key("server.token-file")
            .pathType()
            .noDefaultValue()
            .withDocumentedDefault("$STREAMNLP_API_TOKEN")
            .withDescription("file holding the bearer token every request must present; without a file the"
                    + " environment variable, without either no token (loopback only)");

    public static final ConfigOption<Integer> QUEUE_CAPACITY = ConfigOptions.key("server.queue-capacity")
            .intType()
            .defaultValue(512)
            .between(1, 1 << 20)
            .withDescription("texts waiting or running at most; a request that does not fit is answered 429");

    public static final ConfigOption<Integer> MAX_TEXT_CHARS = ConfigOptions.key("server.max-text-chars")
            .intType()
            .defaultValue(100_000)
            .between(1, 50_000_000)
            .withDescription("a request with a longer text is answered 413 (the job's `validation.max-text-chars`)");

    public static final ConfigOption<Integer> MAX_REQUEST_BYTES = ConfigOptions.key("server.max-request-bytes")
            .intType()
            .defaultValue(4 << 20)
            .between(1024, 1 << 30)
            .withDescription("a larger request body is answered 413");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT = ConfigOptions.key("server.request-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .between(Duration.ofSeconds(1), Duration.ofHours(1))
            .withDescription("longest a request waits for its results (then 504), and a client may take to send it");

    public static final ConfigOption<Integer> THREADS = ConfigOptions.key("server.threads")
            .intType()
            .defaultValue(64)
            .between(1, 1024)
            .withDescription("HTTP handler threads: each waits for its request's batch, so at least the concurrent"
                    + " clients");

    public static final ConfigOption<String> MODEL_REF = CommonOptions.MODEL_REF;

    public static final ConfigOption<Duration> MODEL_POLL_INTERVAL =
            CommonOptions.MODEL_POLL_INTERVAL.withDefaultValue(Duration.ofSeconds(10));

    public static final ConfigOption<Integer> BATCH_MAX_TOKENS = CommonOptions.BATCH_MAX_TOKENS;

    public static final ConfigOption<Integer> BATCH_MAX_SIZE = CommonOptions.BATCH_MAX_SIZE;

    /** A caller waits for the answer, so a batch fills for far less time than in the stream. */
    public static final ConfigOption<Long> BATCH_MAX_DELAY_MS = CommonOptions.BATCH_MAX_DELAY_MS.withDefaultValue(5L);

    public static final ConfigOption<Path> MODERATION_POLICY = ConfigOptions.key("server.moderation-policy")
            .pathType()
            .noDefaultValue()
            .withDescription("a moderation policy document (docs/moderation.md), validated at start-up; every answer"
                    + " then carries its decision in `moderation`, as the job's records do; without one, `moderation`"
                    + " is null. A changed file is applied when it holds a valid, higher version of the same policy");

    public static final ConfigOption<Duration> MODERATION_POLICY_CHECK_INTERVAL = ConfigOptions.key(
                    "server.moderation-policy-check-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .between(Duration.ofMillis(10), Duration.ofDays(1))
            .withDescription("how often, at most, `server.moderation-policy` is looked at for a change");

    /** The server's options, in documentation order, then the shared ones it reads. */
    public static final Options OWN = Options.of(
            BIND,
            PORT,
            TOKEN_FILE,
            QUEUE_CAPACITY,
            MAX_TEXT_CHARS,
            MAX_REQUEST_BYTES,
            REQUEST_TIMEOUT,
            THREADS,
            MODEL_REF,
            MODEL_POLL_INTERVAL,
            BATCH_MAX_TOKENS,
            BATCH_MAX_SIZE,
            BATCH_MAX_DELAY_MS,
            MODERATION_POLICY,
            MODERATION_POLICY_CHECK_INTERVAL);

    public static final Options ALL = Options.of(
                    CommonOptions.MODEL_REGISTRY_DIR,
                    CommonOptions.MODEL_REGISTRY_URL,
                    CommonOptions.MODEL_REGISTRY_TOKEN,
                    CommonOptions.INFERENCE_DEVICE,
                    CommonOptions.INFERENCE_PRECISION,
                    CommonOptions.INFERENCE_INTRA_OP_THREADS)
            .plus(OWN);
}
