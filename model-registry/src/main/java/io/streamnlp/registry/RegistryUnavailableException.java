package io.streamnlp.registry;

/**
 * A remote registry answered that it cannot serve now (HTTP 5xx, 408 or 429): an outage, not a
 * verdict on the request, so callers retry rather than give the request up.
 */
public final class RegistryUnavailableException extends RegistryException {

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
