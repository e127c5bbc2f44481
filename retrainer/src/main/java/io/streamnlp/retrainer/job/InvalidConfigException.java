package io.streamnlp.retrainer.job;

/** A configuration value is missing, malformed or out of range; the message names the key. */
public final class InvalidConfigException extends IllegalArgumentException {

    public InvalidConfigException(String message) {
        super(message);
    }
}
