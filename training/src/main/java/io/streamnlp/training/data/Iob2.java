package io.streamnlp.training.data;

import java.util.regex.Pattern;

/** The IOB2 tag grammar: {@code O}, or {@code B-TYPE} / {@code I-TYPE}. */
public final class Iob2 {
    private static final Pattern TAG = Pattern.compile("O|[BI]-[A-Za-z0-9_][A-Za-z0-9_\\-]*");

    private Iob2() {}

    public static boolean isValid(String tag) {
        return TAG.matcher(tag).matches();
    }

    /** The entity type of a B-/I- tag; null for O. */
    public static String type(String tag) {
        return tag.equals("O") ? null : tag.substring(2);
    }

    public static boolean isBegin(String tag) {
        return tag.startsWith("B-");
    }

    public static boolean isInside(String tag) {
        return tag.startsWith("I-");
    }

    /** Whether {@code tag} may follow {@code previous} (null at sentence start) in strict IOB2. */
    public static boolean mayFollow(String previous, String tag) {
        if (!isInside(tag)) {
            return true;
        }
        return previous != null && !previous.equals("O") && type(previous).equals(type(tag));
    }
}
