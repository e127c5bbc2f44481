package io.streamnlp.registry;

/** Base of every error the model registry reports; subclasses say what went wrong. */
public class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
