package io.streamnlp.training.data;

import java.util.List;
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

    /**
     * The tag with its type spelled as bundle labels must be ({@code [A-Za-z0-9_]}): WNUT-17's
     * {@code B-creative-work} becomes {@code B-creative_work}. Training and scoring both use this
     * spelling, so predictions and gold data compare.
     */
    public static String bundleSafe(String tag) {
        return tag.equals("O") ? tag : tag.substring(0, 2) + tag.substring(2).replaceAll("[^A-Za-z0-9_]", "_");
    }

    public static List<String> bundleSafe(List<String> tags) {
        return tags.stream().map(Iob2::bundleSafe).toList();
    }

    /** Whether {@code tag} may follow {@code previous} (null at sentence start) in strict IOB2. */
    public static boolean mayFollow(String previous, String tag) {
        if (!isInside(tag)) {
            return true;
        }
        return previous != null && !previous.equals("O") && type(previous).equals(type(tag));
    }
}
