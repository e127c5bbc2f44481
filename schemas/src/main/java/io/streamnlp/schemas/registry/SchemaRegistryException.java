package io.streamnlp.schemas.registry;

/**
 * A schema registry call failed. Subclasses say why: {@link SchemaNotFoundException}, {@link IncompatibleSchemaException},
 * {@link RegistryUnavailableException}, {@link RegistryAuthException}; this class itself is used for other refusals
 * (e.g. HTTP 422, an invalid schema). Messages name the registry URL and the subject or id concerned.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, String url, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, String url, int httpStatus, int errorCode) {
        this(message, url, httpStatus, errorCode, null);
    }

    /** The request URL that failed (without credentials), or null. */
    public String url() {
        return url;
    }

    /** HTTP status, or -1 when no response came back. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 40401, 40403, 409, 42201), or -1. */
    public int errorCode() {
        return errorCode;
    }
}
