package io.streamnlp.registry;

/** A model name, alias, version or reference that does not follow the registry's syntax. */
public final class InvalidNameException extends RegistryException {

    public InvalidNameException(String message) {
        super(message);
    }
}
