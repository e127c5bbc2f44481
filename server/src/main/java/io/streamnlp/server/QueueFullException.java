package io.streamnlp.server;

/** The bounded queue cannot take a request's texts now (429). */
final class QueueFullException extends RuntimeException {
    QueueFullException(String message) {
        super(message, null, false, false);
    }
}
