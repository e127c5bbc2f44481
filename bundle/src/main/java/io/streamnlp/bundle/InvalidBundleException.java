package io.streamnlp.bundle;

import java.util.List;

/** A bundle directory or its bundle.json does not follow the bundle format; the message lists every problem. */
public class InvalidBundleException extends RuntimeException {

    private final List<String> problems;

    public InvalidBundleException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidBundleException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public List<String> problems() {
        return problems;
    }
}
