package io.streamnlp.schemas.registry;

import java.util.Locale;

/** Subject compatibility levels of the Confluent API. StreamNLP topics use {@link #BACKWARD}. */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    public static CompatibilityLevel parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "Unknown compatibility level '" + s + "'; expected one of " + java.util.Arrays.toString(values()),
                    e);
        }
    }
}
