package io.streamnlp.registry;

/** A change that contradicts the registry's current state, such as archiving a version an alias points at. */
public final class RegistryConflictException extends RegistryException {

    public RegistryConflictException(String message) {
        super(message);
    }
}
