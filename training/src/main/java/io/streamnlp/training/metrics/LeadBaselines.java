package io.streamnlp.training.metrics;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lead baselines of extractive summarization. */
public final class LeadBaselines {
    private LeadBaselines() {}

    /** The first three sentences of the document. */
    public static String lead3(String document) {
        List<String> sentences = sentences(document);
        return String.join(" ", sentences.subList(0, Math.min(3, sentences.size())));
    }

    /**
     * The beginning of the document cut to as many words as {@code systemSummary} has: the lead
     * baseline at the summarizer's own output length, so that neither side wins by length alone.
     */
    public static String leadSameLength(String document, String systemSummary) {
        int words = countWords(systemSummary);
        StringBuilder sb = new StringBuilder();
        int taken = 0;
        for (String word : document.strip().split("\\s+")) {
            if (taken == words) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word);
            taken++;
        }
        return sb.toString();
    }

    private static int countWords(String text) {
        String s = text.strip();
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }

    public static List<String> sentences(String document) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(document);
        List<String> out = new ArrayList<>();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = document.substring(start, end).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
