package io.streamnlp.inference.runtime;

/** A configuration value is out of range or cannot be parsed; the message names the option. */
public class InvalidOptionsException extends IllegalArgumentException {

    public InvalidOptionsException(String message) {
        super(message);
    }
}
