package io.streamnlp.inference.summary;

/**
 * How long an extractive summary may be: a share of the document's characters, bounded below and above, and at
 * most {@code maxSentences} sentences. Long documents get longer summaries; a short ticket keeps a sentence or two.
 */
record SummaryLength(double ratio, int minChars, int maxChars, int maxSentences) {

    SummaryLength {
        if (!(ratio > 0 && ratio <= 1) || minChars < 1 || maxChars < minChars || maxSentences < 1) {
            throw new IllegalArgumentException("need length_ratio in (0, 1], 1 <= min_chars <= max_chars and"
                    + " max_sentences >= 1, got " + ratio + ", " + minChars + ", " + maxChars + ", " + maxSentences);
        }
    }

    /** The character budget for a document of {@code documentChars} characters. */
    int budget(int documentChars) {
        long target = Math.round(ratio * documentChars);
        return (int) Math.max(minChars, Math.min(maxChars, target));
    }
}
