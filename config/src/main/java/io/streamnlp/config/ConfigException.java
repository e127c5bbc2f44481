package io.streamnlp.config;

/** A configuration value that is missing, malformed or out of range, or a key nobody declared; the message names the key. */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
