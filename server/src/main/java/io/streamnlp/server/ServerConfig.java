package io.streamnlp.server;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.Settings;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.runtime.ComputeDevice;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelRegistryLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Validated settings of the enrichment server ({@link ServerOptions}).
 *
 * @param token the bearer token every request must present, or null for none (loopback only)
 * @param registry the model registry the server follows
 * @param moderation the policy file every answer is decided by, or null for none
 */
public record ServerConfig(
        InetSocketAddress bind,
        String token,
        int queueCapacity,
        int maxTextChars,
        int maxRequestBytes,
        Duration requestTimeout,
        int threads,
        ModelReference model,
        Duration pollInterval,
        BatcherConfig batching,
        ModelRegistryLocation registry,
        InferenceOptions inference,
        PolicyFile moderation) {

    /** The length buckets of the job's batcher: similar lengths ride together, so little is padding. */
    private static final int[] BUCKETS = BatcherConfig.defaultBucketBounds();

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(registry, "registry");
        if (token == null && !bind.getAddress().isLoopbackAddress()) {
            throw new ConfigException("the server binds " + bind.getAddress().getHostAddress()
                    + " without a token: set server.token-file or STREAMNLP_API_TOKEN, or bind a loopback address");
        }
    }

    public static ServerConfig of(Settings settings, Map<String, String> environment) {
        int queueCapacity = settings.get(ServerOptions.QUEUE_CAPACITY);
        int maxSize = settings.get(ServerOptions.BATCH_MAX_SIZE);
        ComputeDevice device = ComputeDevice.parse(settings.get(CommonOptions.INFERENCE_DEVICE));
        InferenceOptions.Builder inference = InferenceOptions.builder()
                .device(device)
                .precision(Precision.parse(settings.get(CommonOptions.INFERENCE_PRECISION), device))
                .interOpThreads(1)
                .predictors(1);
        settings.getOptional(CommonOptions.INFERENCE_INTRA_OP_THREADS).ifPresent(inference::intraOpThreads);
        return new ServerConfig(
                new InetSocketAddress(address(settings.get(ServerOptions.BIND)), settings.get(ServerOptions.PORT)),
                token(settings, environment),
                queueCapacity,
                settings.get(ServerOptions.MAX_TEXT_CHARS),
                settings.get(ServerOptions.MAX_REQUEST_BYTES),
                settings.get(ServerOptions.REQUEST_TIMEOUT),
                settings.get(ServerOptions.THREADS),
                ModelReference.parse(settings.get(ServerOptions.MODEL_REF)),
                settings.get(ServerOptions.MODEL_POLL_INTERVAL),
                new BatcherConfig(
                        settings.get(ServerOptions.BATCH_MAX_TOKENS),
                        maxSize,
                        settings.get(ServerOptions.BATCH_MAX_DELAY_MS),
                        Math.max(queueCapacity, BUCKETS.length * maxSize),
                        BUCKETS),
                ModelRegistryLocation.of(settings),
                inference.build(),
                moderation(settings));
    }

    private static PolicyFile moderation(Settings settings) {
        Path file = settings.get(ServerOptions.MODERATION_POLICY);
        return file == null
                ? null
                : PolicyFile.open(
                        ServerOptions.MODERATION_POLICY.key(),
                        file,
                        settings.get(ServerOptions.MODERATION_POLICY_CHECK_INTERVAL));
    }

    private static String token(Settings settings, Map<String, String> environment) {
        Path file = settings.get(ServerOptions.TOKEN_FILE);
        if (file != null) {
            try {
                String token = Files.readString(file).strip();
                if (token.isEmpty()) {
                    throw new ConfigException(ServerOptions.TOKEN_FILE.key() + ": " + file + " is empty");
                }
                return token;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the token file " + file, e);
            }
        }
        String token = environment.get("STREAMNLP_API_TOKEN");
        return token == null || token.isBlank() ? null : token.strip();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException(ServerOptions.BIND.key() + ": unknown host " + host);
        }
    }
}
