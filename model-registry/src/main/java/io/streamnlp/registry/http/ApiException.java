package io.streamnlp.registry.http;

/** An HTTP-level refusal with its status and the machine-readable error code of the JSON body. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
