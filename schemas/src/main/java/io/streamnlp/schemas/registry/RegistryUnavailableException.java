package io.streamnlp.schemas.registry;

/**
 * The registry could not be reached or kept failing (connection refused, timeouts, HTTP 5xx, 408 or 429) after the
 * configured retries. This is an infrastructure problem, not a bad record: retry later or fail the job.
 */
public class RegistryUnavailableException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    public RegistryUnavailableException(String message, String url, int httpStatus, int attempts, Throwable cause) {
        super(message, url, httpStatus, -1, cause);
        this.attempts = attempts;
    }

    /** How many requests were made before giving up. */
    public int attempts() {
        return attempts;
    }
}
