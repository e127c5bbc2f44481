package io.streamnlp.drift;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as people write them in configuration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601. */
public final class Durations {
    private Durations() {}

    /** Accepts ISO-8601 ({@code PT30S}) or a number with unit ms, s, m, h ({@code 30s}). */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("unknown duration unit in '" + value + "' (use ms, s, m, h or ISO-8601)");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cannot read duration '" + value + "'");
        }
    }
}
