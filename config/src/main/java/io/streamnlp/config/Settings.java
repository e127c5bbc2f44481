package io.streamnlp.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typed values of declared options. A key no option declares is refused on construction; a blank value
 * counts as unset.
 */
public final class Settings {
    private final Options declared;
    private final Map<String, String> values;

    /** @throws UnknownKeysException naming every key that {@code declared} does not declare */
    public Settings(Options declared, Map<String, String> values) {
        this.declared = declared;
        this.values = new TreeMap<>();
        values.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                this.values.put(key, value.trim());
            }
        });
        TreeSet<String> unknown = new TreeSet<>();
        values.keySet().stream().filter(key -> !declared.declares(key)).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new UnknownKeysException(unknown);
        }
    }

    /** The value given for {@code option}, else its default (null for an option without one). */
    public <T> T get(ConfigOption<T> option) {
        return getOptional(option).orElse(option.defaultValue());
    }

    /** The value given for {@code option}, if any. */
    public <T> Optional<T> getOptional(ConfigOption<T> option) {
        requireDeclared(declared.declares(option), option.key());
        return Optional.ofNullable(values.get(option.key())).map(option::parse);
    }

    /** Every key under {@code prefix}, without the prefix. */
    public Map<String, String> withPrefix(PrefixOption prefix) {
        requireDeclared(declared.declares(prefix), prefix.documentedKey());
        Map<String, String> out = new TreeMap<>();
        values.forEach((key, value) -> {
            if (prefix.covers(key)) {
                out.put(key.substring(prefix.prefix().length()), value);
            }
        });
        return out;
    }

    private static void requireDeclared(boolean declared, String key) {
        if (!declared) {
            throw new IllegalStateException(key + " is read but not declared with the program's options");
        }
    }
}
