package io.streamnlp.moderation;

/** A policy document that cannot be used; the message names the path in the document ({@code $.tenants.acme...}). */
public final class InvalidPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
