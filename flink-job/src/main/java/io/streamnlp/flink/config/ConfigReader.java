package io.streamnlp.flink.config;

import io.streamnlp.drift.Durations;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typed access to a flat key/value configuration, remembering which keys were read so that unknown
 * (usually misspelled) keys can be refused at start-up instead of being silently ignored.
 */
final class ConfigReader {
    private final Map<String, String> values;
    private final Set<String> consumed = new HashSet<>();

    ConfigReader(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** Reads {@code --config FILE} (optional) and then {@code --key value} overrides, in order. */
    static ConfigReader fromArgs(String[] args) {
        Map<String, String> merged = new TreeMap<>();
        Map<String, String> overrides = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("expected --key value, got '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("--" + key + " needs a value");
            }
            if (key.equals("config")) {
                merged.putAll(readFile(Path.of(value)));
            } else {
                overrides.put(key, value);
            }
        }
        merged.putAll(overrides);
        return new ConfigReader(merged);
    }

    static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k).trim()));
        return out;
    }

    String string(String key, String defaultValue) {
        consumed.add(key);
        String v = values.get(key);
        return v == null || v.isBlank() ? defaultValue : v;
    }

    String optional(String key) {
        return string(key, null);
    }

    int integer(String key, int defaultValue, int min, int max) {
        long v = longValue(key, defaultValue, min, max);
        return (int) v;
    }

    long longValue(String key, long defaultValue, long min, long max) {
        String raw = string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got '" + raw + "'");
        }
        if (v < min || v > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    double doubleValue(String key, double defaultValue, double min, double max) {
        String raw = string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a number, got '" + raw + "'");
        }
        if (!(v >= min && v <= max)) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + raw);
        }
        return v;
    }

    boolean bool(String key, boolean defaultValue) {
        String raw = string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new ConfigException(key + " must be true or false, got '" + raw + "'");
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m} or ISO-8601 {@code PT30S}. */
    Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        String raw = string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        Duration v;
        try {
            v = Durations.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " must be a duration such as 30s, 5m or PT30S, got '" + raw + "'");
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + raw);
        }
        return v;
    }

    /** All keys under {@code prefix}, with the prefix removed (for pass-through client properties). */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                consumed.add(k);
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    void refuseUnknownKeys() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(consumed);
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown configuration key(s): " + new TreeSet<>(unknown));
        }
    }
}
