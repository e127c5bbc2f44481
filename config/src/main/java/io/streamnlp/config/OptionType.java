package io.streamnlp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How an option's text becomes a value and back. {@code requirement} completes "KEY must be ..." when the
 * text does not parse; {@code order} is null for types without a meaningful range.
 */
public record OptionType<T>(
        String requirement, Function<String, T> parser, Function<T, String> formatter, Comparator<T> order) {

    public static final OptionType<String> STRING = new OptionType<>("text", s -> s, s -> s, null);
    public static final OptionType<Integer> INT =
            new OptionType<>("an integer", Integer::valueOf, String::valueOf, Comparator.<Integer>naturalOrder());
    public static final OptionType<Long> LONG =
            new OptionType<>("an integer", Long::valueOf, String::valueOf, Comparator.<Long>naturalOrder());
    public static final OptionType<Double> DOUBLE =
            new OptionType<>("a number", Double::valueOf, String::valueOf, Comparator.<Double>naturalOrder());
    public static final OptionType<Boolean> BOOLEAN =
            new OptionType<>("true or false", OptionType::strictBoolean, String::valueOf, null);
    public static final OptionType<Duration> DURATION = new OptionType<>(
            "a duration like PT1H or 30m", Durations::parse, Durations::format, Comparator.<Duration>naturalOrder());
    public static final OptionType<Path> PATH = new OptionType<>("a path", Path::of, Path::toString, null);

    /** Constants by their lower-case names, {@code -} standing for {@code _}: {@code read-committed}. */
    public static <E extends Enum<E>> OptionType<E> enumType(Class<E> type) {
        String names =
                Arrays.stream(type.getEnumConstants()).map(OptionType::wireName).collect(Collectors.joining(", "));
        return new OptionType<>(
                "one of " + names,
                s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_')),
                OptionType::wireName,
                null);
    }

    /** A type of one's own; {@code parser} may throw a {@link ConfigException} with a message of its own. */
    public static <T> OptionType<T> of(String requirement, Function<String, T> parser, Function<T, String> formatter) {
        return new OptionType<>(requirement, parser, formatter, null);
    }

    private static String wireName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Boolean strictBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(s);
        };
    }
}
