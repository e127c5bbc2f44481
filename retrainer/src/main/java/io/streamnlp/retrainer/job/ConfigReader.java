package io.streamnlp.retrainer.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typed reads of string settings that remember which keys were read, so that a key nobody reads (a
 * typo) is refused instead of silently ignored.
 */
public final class ConfigReader {

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    public ConfigReader(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The settings of {@code --config FILE} (repeatable; later files win) and {@code --key value}
     * overrides (win over every file), in any order.
     */
    public static Map<String, String> parseArgs(String... args) {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            if (!flag.startsWith("--") || flag.length() == 2) {
                throw new InvalidConfigException("expected --config FILE or --key value, got '" + flag + "'");
            }
            if (i + 1 >= args.length) {
                throw new InvalidConfigException(flag + " needs a value");
            }
            String value = args[i + 1];
            if (flag.equals("--config")) {
                files.putAll(load(Path.of(value)));
            } else {
                overrides.put(flag.substring(2), value);
            }
        }
        files.putAll(overrides);
        return files;
    }

    /** A properties file as a map. */
    public static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("malformed configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    public Optional<String> optional(String key) {
        read.add(key);
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        return (int) longValue(key, fallback, min, max);
    }

    public long longValue(String key, long fallback, long min, long max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be an integer, got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new InvalidConfigException(key + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    public boolean bool(String key, boolean fallback) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigException(key + " must be true or false, got '" + raw.get() + "'");
        };
    }

    public double decimal(String key, double fallback, double min, double max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(raw.get());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be a number, got '" + raw.get() + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new InvalidConfigException(key + " must be in [" + min + ", " + max + "], got " + raw.get());
        }
        return value;
    }

    /** Every key starting with {@code prefix}, with the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                read.add(key);
                out.put(key.substring(prefix.length()), value.trim());
            }
        });
        return out;
    }

    /** @throws InvalidConfigException naming every key that no read asked for */
    public void refuseUnknownKeys() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigException("unknown configuration key(s) " + String.join(", ", unknown));
        }
    }
}
