package io.streamnlp.registry;

/** Artifacts or registration metadata that cannot become a model version. */
public final class InvalidModelException extends RegistryException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
