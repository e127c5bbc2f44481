package io.streamnlp.registry.http;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Settings of the registry's HTTP API.
 *
 * @param bind address and port to listen on (port 0 picks a free one)
 * @param writeToken bearer token that every write must present
 * @param threads request-handling threads
 */
public record RegistryServerConfig(InetSocketAddress bind, String writeToken,
                                   UploadLimits uploadLimits, int threads) {

    public RegistryServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(uploadLimits, "uploadLimits");
        if (writeToken == null || writeToken.isBlank()) {
            throw new IllegalArgumentException("the registry API needs a non-blank write token");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be within 1..64, got " + threads);
        }
    }

    public static RegistryServerConfig of(InetSocketAddress bind, String writeToken) {
        return new RegistryServerConfig(bind, writeToken, UploadLimits.DEFAULT, 4);
    }

    public RegistryServerConfig withUploadLimits(UploadLimits limits) {
        return new RegistryServerConfig(bind, writeToken, limits, threads);
    }
}
