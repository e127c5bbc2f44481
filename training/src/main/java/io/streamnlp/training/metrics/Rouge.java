package io.streamnlp.training.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F-measures of one candidate against one reference, on tokens that are
 * lowercased and split on anything but ASCII letters and digits, without stemming: the tokenization of
 * Google's rouge-score, so that figures compare with published ones.
 */
public final class Rouge {
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Rouge() {}

    public record Scores(double rouge1, double rouge2, double rougeL) {}

    public static Scores score(String candidate, String reference) {
        List<String> c = tokens(candidate);
        List<String> r = tokens(reference);
        return new Scores(ngramF(c, r, 1), ngramF(c, r, 2), lcsF(c, r));
    }

    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : NON_ALNUM.split(text.toLowerCase(Locale.ROOT))) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static double ngramF(List<String> candidate, List<String> reference, int n) {
        Map<List<String>, Integer> c = ngrams(candidate, n);
        Map<List<String>, Integer> r = ngrams(reference, n);
        int cTotal = Math.max(candidate.size() - n + 1, 0);
        int rTotal = Math.max(reference.size() - n + 1, 0);
        int overlap = 0;
        for (Map.Entry<List<String>, Integer> e : c.entrySet()) {
            overlap += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
        }
        return f(overlap, cTotal, rTotal);
    }

    static double lcsF(List<String> candidate, List<String> reference) {
        int[][] table = new int[candidate.size() + 1][reference.size() + 1];
        for (int i = 1; i <= candidate.size(); i++) {
            for (int j = 1; j <= reference.size(); j++) {
                table[i][j] = candidate.get(i - 1).equals(reference.get(j - 1))
                        ? table[i - 1][j - 1] + 1
                        : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return f(table[candidate.size()][reference.size()], candidate.size(), reference.size());
    }

    private static double f(int overlap, int candidateTotal, int referenceTotal) {
        if (overlap == 0 || candidateTotal == 0 || referenceTotal == 0) {
            return 0;
        }
        return LabelScores.f1((double) overlap / candidateTotal, (double) overlap / referenceTotal);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return out;
    }
}
