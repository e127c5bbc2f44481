package io.streamnlp.registry;

import java.util.regex.Pattern;

/**
 * Syntax of model names and aliases. Both become path segments on disk and in URLs, so they start
 * with a letter or digit (never {@code .} or {@code ..}) and use only {@code [a-z0-9._-]}.
 */
public final class ModelNames {

    public static final int MAX_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private ModelNames() {}

    public static boolean isValid(String candidate) {
        return candidate != null && NAME.matcher(candidate).matches();
    }

    public static String requireModelName(String name) {
        if (!isValid(name)) {
            throw new InvalidNameException("invalid model name '" + printable(name)
                    + "': use 1-64 characters of [a-z0-9._-], starting with a letter or digit");
        }
        return name;
    }

    public static String requireAlias(String alias) {
        if (!isValid(alias)) {
            throw new InvalidNameException("invalid alias '" + printable(alias)
                    + "': use 1-64 characters of [a-z0-9._-], starting with a letter or digit");
        }
        return alias;
    }

    public static int requireVersion(int version) {
        if (version < 1) {
            throw new InvalidNameException("invalid version " + version + ": versions start at 1");
        }
        return version;
    }

    /** Parses a version number as written in a reference or URL. */
    public static int parseVersion(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,8}")) {
            throw new InvalidNameException("invalid version '" + printable(text) + "': expected a positive integer");
        }
        return Integer.parseInt(text);
    }

    /** Keeps error messages to one readable line whatever the input was. */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String shortened = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
