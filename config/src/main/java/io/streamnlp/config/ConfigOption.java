package io.streamnlp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One setting: its key, type, default, description and the checks a value must pass, declared once (see
 * {@link ConfigOptions}) and read with {@link Settings#get}. Immutable; every {@code with} returns a copy.
 *
 * @param <T> the type of the value
 */
public final class ConfigOption<T> {

    /** A check of a parsed value; {@code requirement} completes "KEY must be ..." when it fails. */
    private record Check<T>(Predicate<T> test, String requirement) {}

    private final String key;
    private final OptionType<T> type;
    private final T defaultValue;
    private final String documentedDefault;
    private final String description;
    private final List<Check<T>> checks;

    ConfigOption(String key, OptionType<T> type, T defaultValue) {
        this(key, type, defaultValue, null, "", List.of());
    }

    private ConfigOption(
            String key,
            OptionType<T> type,
            T defaultValue,
            String documentedDefault,
            String description,
            List<Check<T>> checks) {
        this.key = Objects.requireNonNull(key, "key");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.documentedDefault = documentedDefault;
        this.description = description;
        this.checks = List.copyOf(checks);
    }

    public ConfigOption<T> withDescription(String description) {
        return new ConfigOption<>(key, type, defaultValue, documentedDefault, description, checks);
    }

    /**
     * The same option with another default, for a key two programs share with defaults of their own (a server wants
     * a shorter batch delay than a stream); the checks still apply to values given.
     */
    public ConfigOption<T> withDefaultValue(T defaultValue) {
        return new ConfigOption<>(key, type, defaultValue, documentedDefault, description, checks);
    }

    /** What the documentation says the default is, for one computed at start-up ({@code cores / parallelism}). */
    public ConfigOption<T> withDocumentedDefault(String documentedDefault) {
        return new ConfigOption<>(key, type, defaultValue, documentedDefault, description, checks);
    }

    /** Refuses values outside {@code [min, max]}; only for ordered types (numbers, durations). */
    public ConfigOption<T> between(T min, T max) {
        if (type.order() == null) {
            throw new IllegalStateException(key + ": a " + type.requirement() + " has no order");
        }
        String range =
                "in [" + type.formatter().apply(min) + ", " + type.formatter().apply(max) + "]";
        return checkedBy(v -> type.order().compare(v, min) >= 0 && type.order().compare(v, max) <= 0, range);
    }

    /** Refuses values for which {@code test} is false, with the message "KEY must be {@code requirement}, got ...". */
    public ConfigOption<T> checkedBy(Predicate<T> test, String requirement) {
        List<Check<T>> more = new ArrayList<>(checks);
        more.add(new Check<>(test, requirement));
        return new ConfigOption<>(key, type, defaultValue, documentedDefault, description, more);
    }

    public String key() {
        return key;
    }

    public OptionType<T> type() {
        return type;
    }

    /** The default, or null when the option has none (it is then unset unless given). */
    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The default as the documentation shows it; empty when there is none. */
    public String documentedDefault() {
        if (documentedDefault != null) {
            return documentedDefault;
        }
        return defaultValue == null ? "" : type.formatter().apply(defaultValue);
    }

    /** {@code STREAMNLP_} and the key in upper case, dots and dashes as underscores: {@code STREAMNLP_BATCH_MAX_DELAY_MS}. */
    public String environmentVariable() {
        return "STREAMNLP_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value {@code text} stands for, checked. */
    public T parse(String text) {
        T value;
        try {
            value = type.parser().apply(text);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " must be " + type.requirement() + ", got '" + text + "'");
        }
        for (Check<T> check : checks) {
            if (!check.test().test(value)) {
                throw new ConfigException(key + " must be " + check.requirement() + ", got " + text);
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return key;
    }
}
