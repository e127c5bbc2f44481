package io.streamnlp.moderation;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Terms that block a text when one occurs as a whole word (or phrase), ignoring case: "scam" matches "Scam!" and
 * "a scam." but not "scammer". A word is a run of letters, digits and underscores.
 */
final class Blocklist {
    static final Blocklist EMPTY = new Blocklist(List.of());

    private final Pattern pattern;

    Blocklist(List<String> terms) {
        this.pattern = terms.isEmpty()
                ? null
                : Pattern.compile(
                        "(?<![\\p{L}\\p{N}_])(?:"
                                + terms.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                                + ")(?![\\p{L}\\p{N}_])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    boolean matches(String text) {
        return pattern != null && pattern.matcher(text).find();
    }
}
