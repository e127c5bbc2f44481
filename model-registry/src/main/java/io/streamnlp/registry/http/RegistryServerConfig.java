package io.streamnlp.registry.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the registry's HTTP API.
 *
 * @param bind address and port to listen on (port 0 picks a free one)
 * @param writeToken bearer token that every write must present
 * @param threads request-handling threads
 * @param requestTimeout longest a client may take to send a request, and to receive the answer
 */
public record RegistryServerConfig(
        InetSocketAddress bind, String writeToken, UploadLimits uploadLimits, int threads, Duration requestTimeout) {

    /** Long enough for a 512 MiB upload over a slow link, short enough that stalled clients go away. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    public RegistryServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(uploadLimits, "uploadLimits");
        if (writeToken == null || writeToken.isBlank()) {
            throw new IllegalArgumentException("the registry API needs a non-blank write token");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be within 1..64, got " + threads);
        }
        if (requestTimeout == null || requestTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("requestTimeout must be at least one second, got " + requestTimeout);
        }
    }

    public static RegistryServerConfig of(InetSocketAddress bind, String writeToken) {
        return new RegistryServerConfig(bind, writeToken, UploadLimits.DEFAULT, 4, DEFAULT_REQUEST_TIMEOUT);
    }

    public RegistryServerConfig withUploadLimits(UploadLimits limits) {
        return new RegistryServerConfig(bind, writeToken, limits, threads, requestTimeout);
    }

    public RegistryServerConfig withRequestTimeout(Duration timeout) {
        return new RegistryServerConfig(bind, writeToken, uploadLimits, threads, timeout);
    }
}
