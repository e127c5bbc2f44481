package io.streamnlp.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Declares options, in the manner of Flink's {@code ConfigOptions}:
 * {@code ConfigOptions.key("batch.max-size").intType().defaultValue(32).between(1, 4096).withDescription("...")}.
 */
public final class ConfigOptions {
    private ConfigOptions() {}

    public static Builder key(String key) {
        return new Builder(key);
    }

    /** Keys passed on without {@code prefix}, which ends with a dot. */
    public static PrefixOption prefix(String prefix, String description) {
        return new PrefixOption(prefix, description);
    }

    /** The key of the option being declared; the type comes next. */
    public static final class Builder {
        private final String key;

        private Builder(String key) {
            this.key = key;
        }

        public Typed<String> stringType() {
            return type(OptionType.STRING);
        }

        public Typed<Integer> intType() {
            return type(OptionType.INT);
        }

        public Typed<Long> longType() {
            return type(OptionType.LONG);
        }

        public Typed<Double> doubleType() {
            return type(OptionType.DOUBLE);
        }

        public Typed<Boolean> booleanType() {
            return type(OptionType.BOOLEAN);
        }

        public Typed<Duration> durationType() {
            return type(OptionType.DURATION);
        }

        public Typed<Path> pathType() {
            return type(OptionType.PATH);
        }

        public <E extends Enum<E>> Typed<E> enumType(Class<E> type) {
            return type(OptionType.enumType(type));
        }

        public <T> Typed<T> type(OptionType<T> type) {
            return new Typed<>(key, type);
        }
    }

    /** The key and type of the option being declared; the default comes next. */
    public static final class Typed<T> {
        private final String key;
        private final OptionType<T> type;

        private Typed(String key, OptionType<T> type) {
            this.key = key;
            this.type = type;
        }

        public ConfigOption<T> defaultValue(T value) {
            return new ConfigOption<>(key, type, value);
        }

        /** An option that is unset unless given; {@link Settings#getOptional} tells which. */
        public ConfigOption<T> noDefaultValue() {
            return new ConfigOption<>(key, type, null);
        }
    }
}
