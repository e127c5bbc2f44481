package io.streamnlp.inference.summary;

import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.Vectors;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.inference.task.SummaryTask;
import io.streamnlp.inference.task.TextSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Extractive summaries from the shared encoder pass, with no model of its own.
 *
 * <p>Each sentence's embedding is the mean of the token states over the sentence's tokens in the
 * text's own encoder pass, so summarizing costs no extra forward pass. Sentences are ranked by
 * centrality (cosine similarity to the text's embedding) and chosen greedily by maximal marginal
 * relevance, {@code lambda * centrality - (1 - lambda) * max similarity to a chosen sentence},
 * skipping any that would break the {@code max_chars} budget, until {@code max_sentences} are
 * chosen. The chosen sentences are returned in document order, joined by one space.
 *
 * <p>Defined edge cases: a blank text gives an empty summary; a text that already fits the budget
 * (at most {@code max_sentences} sentences and {@code max_chars} characters) is its own summary,
 * trimmed; if no single sentence fits {@code max_chars}, the most central one is cut at the last
 * word boundary within the budget. Only sentences inside the encoded (possibly truncated) prefix
 * are candidates.
 */
public final class ExtractiveSummarizer implements SummaryTask {

    private final int maxSentences;
    private final int maxChars;
    private final double lambda;

    public ExtractiveSummarizer(int maxSentences, int maxChars, double lambda) {
        if (maxSentences < 1 || maxChars < 1 || !(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("need max_sentences >= 1, max_chars >= 1 and mmr_lambda in [0, 1], got "
                    + maxSentences + ", " + maxChars + ", " + lambda);
        }
        this.maxSentences = maxSentences;
        this.maxChars = maxChars;
        this.lambda = lambda;
    }

    public static ExtractiveSummarizer of(SummarizationSpec spec) {
        return new ExtractiveSummarizer(spec.maxSentences(), spec.maxChars(), spec.mmrLambda());
    }

    @Override
    public List<Summary> summarize(EncodedBatch batch) {
        List<Summary> out = new ArrayList<>(batch.size());
        for (EncodedText t : batch.texts()) {
            out.add(summarize(t));
        }
        return out;
    }

    Summary summarize(EncodedText encoded) {
        String text = encoded.text();
        List<TextSpan> sentences = SentenceSplitter.split(text);
        if (sentences.isEmpty()) {
            return new Summary("", Summary.EXTRACTIVE, List.of());
        }
        TextSpan whole = new TextSpan(
                sentences.get(0).start(), sentences.get(sentences.size() - 1).end());
        if (sentences.size() <= maxSentences && whole.length() <= maxChars && !encoded.truncated()) {
            return new Summary(text.substring(whole.start(), whole.end()), Summary.EXTRACTIVE, List.of(whole));
        }
        List<Candidate> candidates = candidates(encoded, sentences);
        if (candidates.isEmpty()) {
            return new Summary("", Summary.EXTRACTIVE, List.of());
        }
        List<Candidate> chosen = choose(candidates);
        if (chosen.isEmpty()) {
            Candidate top = candidates.stream()
                    .max(Comparator.comparingDouble(c -> c.centrality))
                    .orElseThrow();
            TextSpan cut = cutAtWordBoundary(text, top.span);
            return new Summary(text.substring(cut.start(), cut.end()), Summary.EXTRACTIVE, List.of(cut));
        }
        chosen.sort(Comparator.comparingInt(c -> c.span.start()));
        StringBuilder sb = new StringBuilder();
        List<TextSpan> spans = new ArrayList<>(chosen.size());
        for (Candidate c : chosen) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(text, c.span.start(), c.span.end());
            spans.add(c.span);
        }
        return new Summary(sb.toString(), Summary.EXTRACTIVE, spans);
    }

    private static List<Candidate> candidates(EncodedText t, List<TextSpan> sentences) {
        float[] document = t.embedding();
        List<Candidate> out = new ArrayList<>(sentences.size());
        int token = 0;
        for (TextSpan s : sentences) {
            while (token < t.tokenCount() && (t.isSpecial(token) || t.tokenEnd(token) <= s.start())) {
                token++;
            }
            int from = token;
            while (token < t.tokenCount() && !t.isSpecial(token) && t.tokenStart(token) < s.end()) {
                token++;
            }
            if (token > from) {
                float[] embedding = t.pooledStates(from, token);
                out.add(new Candidate(s, embedding, Vectors.dot(embedding, document)));
            }
        }
        return out;
    }

    private List<Candidate> choose(List<Candidate> candidates) {
        List<Candidate> chosen = new ArrayList<>();
        boolean[] used = new boolean[candidates.size()];
        int chars = 0;
        while (chosen.size() < maxSentences) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < candidates.size(); i++) {
                Candidate c = candidates.get(i);
                int cost = c.span.length() + (chosen.isEmpty() ? 0 : 1);
                if (used[i] || chars + cost > maxChars) {
                    continue;
                }
                double redundancy = 0;
                for (Candidate s : chosen) {
                    redundancy = Math.max(redundancy, Vectors.dot(c.embedding, s.embedding));
                }
                double score = lambda * c.centrality - (1 - lambda) * redundancy;
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            chars += candidates.get(best).span.length() + (chosen.isEmpty() ? 0 : 1);
            chosen.add(candidates.get(best));
        }
        return chosen;
    }

    private TextSpan cutAtWordBoundary(String text, TextSpan span) {
        int limit = span.start() + maxChars;
        int end = limit;
        while (end > span.start() && !SentenceSplitter.isSpace(text.charAt(end))) {
            end--;
        }
        if (end == span.start()) {
            end = Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
        }
        while (end > span.start() && SentenceSplitter.isSpace(text.charAt(end - 1))) {
            end--;
        }
        return new TextSpan(span.start(), Math.max(end, span.start()));
    }

    @Override
    public void close() {
        // no resources: the summarizer reads the shared encoder's output
    }

    private record Candidate(TextSpan span, float[] embedding, double centrality) {}
}
