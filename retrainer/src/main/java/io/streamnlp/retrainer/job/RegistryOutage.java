package io.streamnlp.retrainer.job;

import io.streamnlp.registry.RegistryUnavailableException;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * Tells a model registry that cannot be reached from a request that cannot be served. The first says
 * nothing about the request: it is retried until the registry answers, never given up.
 */
final class RegistryOutage {

    private RegistryOutage() {}

    /**
     * The failure of the connection to the registry that caused {@code failure}, if any: refused or reset
     * ({@link java.net.ConnectException} is a {@link SocketException}), timed out, closed mid-answer, or
     * its host unknown; or the registry answering that it cannot serve now (5xx, 408, 429).
     */
    static Optional<Throwable> causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryUnavailableException
                    || t instanceof SocketException
                    || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof EOFException
                    || t instanceof UnknownHostException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
