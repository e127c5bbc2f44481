package io.streamnlp.config;

import java.util.SortedSet;
import java.util.TreeSet;

/** Keys that no option declares, usually misspelled ones; refused rather than silently ignored. */
public final class UnknownKeysException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final TreeSet<String> keys;

    UnknownKeysException(SortedSet<String> keys) {
        super("unknown configuration key(s) " + String.join(", ", keys));
        this.keys = new TreeSet<>(keys);
    }

    public SortedSet<String> keys() {
        return new TreeSet<>(keys);
    }
}
