package io.streamnlp.config;

/**
 * A family of keys passed on to another component as they are, without the prefix: {@code kafka.properties.*}
 * to the Kafka clients, {@code drift.thresholds.*} to the drift thresholds.
 */
public record PrefixOption(String prefix, String description) {

    public PrefixOption {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("a prefix ends with '.', got '" + prefix + "'");
        }
    }

    /** The key as the documentation shows it: {@code kafka.properties.*}. */
    public String documentedKey() {
        return prefix + "*";
    }

    boolean covers(String key) {
        return key.startsWith(prefix) && key.length() > prefix.length();
    }
}
