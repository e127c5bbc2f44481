package io.streamnlp.registry;

/** A write to a remote registry without a token (unauthenticated) or with a wrong one (forbidden). */
public final class AccessDeniedException extends RegistryException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
