package io.streamnlp.inference.summary;

import io.streamnlp.inference.task.TextSpan;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a text into sentence spans with {@link BreakIterator}, trimming surrounding whitespace. */
final class SentenceSplitter {

    private SentenceSplitter() {}

    /** Non-blank sentences in text order; offsets are into {@code text}. */
    static List<TextSpan> split(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        List<TextSpan> out = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = start;
            int e = end;
            while (s < e && isSpace(text.charAt(s))) {
                s++;
            }
            while (e > s && isSpace(text.charAt(e - 1))) {
                e--;
            }
            if (e > s) {
                out.add(new TextSpan(s, e));
            }
        }
        return out;
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
