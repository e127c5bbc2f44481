package io.streamnlp.registry;

/** A model, version or alias that the registry does not hold. */
public final class ModelNotFoundException extends RegistryException {

    public ModelNotFoundException(String message) {
        super(message);
    }
}
