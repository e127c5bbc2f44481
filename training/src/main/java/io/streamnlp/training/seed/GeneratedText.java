package io.streamnlp.training.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A generated text as segments: renders to a plain string and to IOB2-tagged tokens. */
record GeneratedText(List<Segment> segments) {

    /**
     * Words, numbers, identifiers such as {@code ORD-48213}, decimals and e-mail addresses stay one
     * token; any other non-space character is a token of its own (CoNLL-style).
     */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:[.,'@_/:\\-][\\p{L}\\p{N}]+)*|\\S");

    GeneratedText {
        segments = List.copyOf(segments);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append(s.text());
        }
        return sb.toString().strip();
    }

    /** Tokens with IOB2 tags; an entity segment gives B- on its first token and I- on the rest. */
    List<String[]> taggedTokens() {
        List<String[]> out = new ArrayList<>();
        for (Segment s : segments) {
            Matcher m = TOKEN.matcher(s.text());
            boolean first = true;
            while (m.find()) {
                String tag = !s.isEntity() ? "O" : (first ? "B-" : "I-") + s.entityType();
                out.add(new String[] {m.group(), tag});
                first = false;
            }
        }
        return out;
    }
}
