package io.streamnlp.drift;

import io.streamnlp.config.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How live traffic is cut into drift windows: every {@code N} observations, or tumbling event-time windows of a
 * fixed duration with a grace period for late events. Parsed from {@code count:500}, {@code time:5m},
 * {@code time:PT5M} or {@code time:5m,grace:30s}.
 */
public sealed interface WindowPolicy permits WindowPolicy.Count, WindowPolicy.Time {

    /** Large enough that label-distribution noise stays well below the default thresholds; see docs/drift.md. */
    WindowPolicy DEFAULT = new Count(500);

    /** A window closes after {@code size} observations (per model version). */
    record Count(int size) implements WindowPolicy {
        public Count {
            if (size < 2) {
                throw new IllegalArgumentException("count window size must be >= 2, got " + size);
            }
        }

        @Override
        public String toString() {
            return "count:" + size;
        }
    }

    /** Tumbling event-time windows; late events within {@code grace} still count. */
    record Time(Duration size, Duration grace) implements WindowPolicy {
        public Time {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(grace, "grace");
            if (size.isNegative() || size.isZero()) {
                throw new IllegalArgumentException("time window size must be positive, got " + size);
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must be >= 0, got " + grace);
            }
        }

        public Time(Duration size) {
            this(size, Duration.ZERO);
        }

        @Override
        public String toString() {
            return "time:" + size + (grace.isZero() ? "" : ",grace:" + grace);
        }
    }

    /** @throws IllegalArgumentException naming the text and what is wrong with it */
    static WindowPolicy parse(String text) {
        Objects.requireNonNull(text, "window policy");
        try {
            return parseUnchecked(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid window policy '" + text + "': " + e.getMessage(), e);
        }
    }

    private static WindowPolicy parseUnchecked(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected count:N or time:DURATION");
        }
        String kind = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = trimmed.substring(colon + 1);
        switch (kind) {
            case "count" -> {
                try {
                    return new Count(Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("count must be an integer");
                }
            }
            case "time" -> {
                String[] parts = value.split(",", 2);
                Duration size = Durations.parse(parts[0]);
                if (parts.length == 1) {
                    return new Time(size);
                }
                String grace = parts[1].trim();
                if (!grace.toLowerCase(Locale.ROOT).startsWith("grace:")) {
                    throw new IllegalArgumentException("expected ',grace:DURATION' after the window size");
                }
                return new Time(size, Durations.parse(grace.substring("grace:".length())));
            }
            default -> throw new IllegalArgumentException("unknown window kind '" + kind + "'");
        }
    }
}
