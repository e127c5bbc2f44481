package io.streamnlp.training.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adds the noise real tickets have: swapped, dropped or doubled letters, and all-lowercase writing. */
final class Typos {
    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");

    private final double perWord;
    private final double lowercaseText;

    Typos(double perWord, double lowercaseText) {
        this.perWord = perWord;
        this.lowercaseText = lowercaseText;
    }

    /** Entity segments are left as they are so that the annotations stay exact. */
    List<Segment> apply(List<Segment> segments, Random r) {
        boolean lower = r.nextDouble() < lowercaseText;
        List<Segment> out = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            if (s.isEntity()) {
                out.add(s);
                continue;
            }
            String text = misspell(s.text(), r);
            out.add(Segment.plain(lower ? text.toLowerCase(Locale.ROOT) : text));
        }
        return out;
    }

    private String misspell(String text, Random r) {
        Matcher m = WORD.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(r.nextDouble() < perWord ? typo(word, r) : word));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String typo(String w, Random r) {
        int i = 1 + r.nextInt(w.length() - 2);
        return switch (r.nextInt(3)) {
            case 0 -> w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
            case 1 -> w.substring(0, i) + w.substring(i + 1);
            default -> w.substring(0, i) + w.charAt(i) + w.substring(i);
        };
    }
}
