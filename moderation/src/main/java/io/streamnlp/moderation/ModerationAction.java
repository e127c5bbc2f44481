package io.streamnlp.moderation;

import java.util.Locale;

/** What the platform does with a record, least severe first: the more severe of two actions wins. */
public enum ModerationAction {
    ALLOW,
    REVIEW,
    BLOCK;

    /** The action's name in a policy document and in metrics: {@code allow}, {@code review}, {@code block}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean moreSevereThan(ModerationAction other) {
        return compareTo(other) > 0;
    }
}
