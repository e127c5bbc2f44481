package io.streamnlp.inference.runtime;

/** A model could not be loaded or run. Unchecked: callers on a stream cannot recover per record. */
public class InferenceException extends RuntimeException {

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
