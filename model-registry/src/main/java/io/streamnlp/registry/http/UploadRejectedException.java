package io.streamnlp.registry.http;

import io.streamnlp.registry.RegistryException;

/** An uploaded archive that is refused before it reaches the store; {@link #tooLarge()} selects 413 over 400. */
public final class UploadRejectedException extends RegistryException {

    private final boolean tooLarge;

    private UploadRejectedException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public static UploadRejectedException invalid(String message) {
        return new UploadRejectedException(message, false);
    }

    public static UploadRejectedException tooLarge(String message) {
        return new UploadRejectedException(message, true);
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
