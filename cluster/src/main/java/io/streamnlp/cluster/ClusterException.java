package io.streamnlp.cluster;

/** A cluster process that would not start, stop or answer; the message says which and where its log is. */
public class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
