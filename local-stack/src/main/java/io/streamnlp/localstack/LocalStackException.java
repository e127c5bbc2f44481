package io.streamnlp.localstack;

/** The local stack (embedded Kafka or the Apicurio registry process) could not be started or used. */
public class LocalStackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
