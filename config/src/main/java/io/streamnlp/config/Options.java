package io.streamnlp.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options one program declares, in documentation order: what {@link Settings} accepts and what the
 * documentation's option table lists.
 */
public record Options(List<ConfigOption<?>> options, List<PrefixOption> prefixes) {

    public Options {
        options = List.copyOf(options);
        prefixes = List.copyOf(prefixes);
        Map<String, Object> keys = new LinkedHashMap<>();
        for (ConfigOption<?> option : options) {
            if (keys.put(option.key(), option) != null) {
                throw new IllegalArgumentException("option " + option.key() + " is declared twice");
            }
        }
    }

    public static Options of(ConfigOption<?>... options) {
        return new Options(List.of(options), List.of());
    }

    public Options plus(PrefixOption... more) {
        List<PrefixOption> all = new ArrayList<>(prefixes);
        all.addAll(List.of(more));
        return new Options(options, all);
    }

    /** These options, then {@code other}'s; an option both declare (a shared one) is kept once. */
    public Options plus(Options other) {
        List<ConfigOption<?>> all = new ArrayList<>(options);
        other.options.stream().filter(o -> !options.contains(o)).forEach(all::add);
        List<PrefixOption> allPrefixes = new ArrayList<>(prefixes);
        other.prefixes.stream().filter(p -> !prefixes.contains(p)).forEach(allPrefixes::add);
        return new Options(all, allPrefixes);
    }

    public boolean declares(String key) {
        return options.stream().anyMatch(o -> o.key().equals(key))
                || prefixes.stream().anyMatch(p -> p.covers(key));
    }

    boolean declares(ConfigOption<?> option) {
        return options.contains(option);
    }

    boolean declares(PrefixOption prefix) {
        return prefixes.contains(prefix);
    }

    /** The values that {@code environment} sets for these options, by key (see {@link ConfigOption#environmentVariable}). */
    public Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigOption<?> option : options) {
            String value = environment.get(option.environmentVariable());
            if (value != null) {
                values.put(option.key(), value);
            }
        }
        return values;
    }
}
