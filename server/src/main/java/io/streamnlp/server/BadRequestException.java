package io.streamnlp.server;

/** A request the server refuses with a 4xx status and a JSON error body. */
final class BadRequestException extends RuntimeException {
    private final int status;

    BadRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
