package io.streamnlp.inference.summary;

import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.Vectors;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.inference.task.SummaryTask;
import io.streamnlp.inference.task.TextSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Extractive summaries from the shared encoder pass, with no model of its own.
 *
 * <p>Each sentence's embedding is the mean of the token states over the sentence's tokens in the text's own
 * encoder pass; past the encoder's truncation a long document is read on in further windows ({@link
 * SentenceWindows}), so a short text costs no extra forward pass and a long one is ranked whole. A sentence's
 * relevance is {@code (1 - w) * centrality + w * position prior}: centrality per {@link SentenceCentrality}, the
 * prior 1 for the first sentence falling linearly towards 0 for the last (news and tickets state their point
 * early). Sentences are chosen greedily by maximal marginal relevance,
 * {@code lambda * relevance - (1 - lambda) * max similarity to a chosen sentence}, skipping any that would break the
 * character budget ({@link SummaryLength}: a share of the document's length within bounds) until the budget or
 * {@code maxSentences} is reached. The chosen sentences are returned in document order, joined by one space.
 *
 * <p>Defined edge cases: a blank text gives an empty summary; a text that already fits the budget (at most {@code
 * max_sentences} sentences) is its own summary, trimmed; if no single sentence fits the budget, the most relevant
 * one is cut at the last word boundary within it. Only sentences within the first {@code max_document_tokens}
 * tokens are candidates.
 */
public final class ExtractiveSummarizer implements SummaryTask {

    private final SummaryLength length;
    private final SentenceCentrality centrality;
    private final double positionWeight;
    private final double lambda;
    private final SentenceWindows windows;

    ExtractiveSummarizer(
            SummaryLength length,
            SentenceCentrality centrality,
            double positionWeight,
            double lambda,
            SentenceWindows windows) {
        if (!(positionWeight >= 0 && positionWeight <= 1) || !(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException(
                    "need position_weight and mmr_lambda in [0, 1], got " + positionWeight + ", " + lambda);
        }
        this.length = Objects.requireNonNull(length, "length");
        this.centrality = Objects.requireNonNull(centrality, "centrality");
        this.positionWeight = positionWeight;
        this.lambda = lambda;
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    /**
     * @param encoder the shared encoder's {@code encode}, which reads long documents on past its truncation
     */
    public static ExtractiveSummarizer of(SummarizationSpec spec, Function<List<String>, EncodedBatch> encoder) {
        return new ExtractiveSummarizer(
                new SummaryLength(spec.lengthRatio(), spec.minChars(), spec.maxChars(), spec.maxSentences()),
                SentenceCentrality.of(spec.centrality()),
                spec.positionWeight(),
                spec.mmrLambda(),
                new SentenceWindows(encoder, spec.maxDocumentTokens()));
    }

    @Override
    public List<Summary> summarize(EncodedBatch batch) {
        Summary[] out = new Summary[batch.size()];
        List<EncodedText> ranked = new ArrayList<>();
        List<List<TextSpan>> rankedSentences = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            EncodedText encoded = batch.get(i);
            List<TextSpan> sentences = SentenceSplitter.split(encoded.text());
            out[i] = withoutRanking(encoded, sentences);
            if (out[i] == null) {
                ranked.add(encoded);
                rankedSentences.add(sentences);
                at.add(i);
            }
        }
        List<SentenceWindows.Document> documents = windows.read(ranked, rankedSentences);
        for (int k = 0; k < documents.size(); k++) {
            out[at.get(k)] = summarize(documents.get(k));
        }
        return Arrays.asList(out);
    }

    /** The summary of a blank text, or of one that is its own summary; null for a text whose sentences are ranked. */
    private Summary withoutRanking(EncodedText encoded, List<TextSpan> sentences) {
        if (sentences.isEmpty()) {
            return new Summary("", Summary.EXTRACTIVE, List.of());
        }
        TextSpan whole = new TextSpan(
                sentences.get(0).start(), sentences.get(sentences.size() - 1).end());
        if (sentences.size() <= length.maxSentences()
                && whole.length() <= length.budget(whole.length())
                && !encoded.truncated()) {
            return new Summary(
                    encoded.text().substring(whole.start(), whole.end()), Summary.EXTRACTIVE, List.of(whole));
        }
        return null;
    }

    private Summary summarize(SentenceWindows.Document document) {
        String text = document.text();
        List<TextSpan> sentences = document.sentences();
        int budget = length.budget(
                sentences.get(sentences.size() - 1).end() - sentences.get(0).start());
        List<Candidate> candidates = candidates(document);
        if (candidates.isEmpty()) {
            return new Summary("", Summary.EXTRACTIVE, List.of());
        }
        List<Candidate> chosen = choose(candidates, budget);
        if (chosen.isEmpty()) {
            Candidate top = candidates.stream()
                    .max(Comparator.comparingDouble(Candidate::relevance))
                    .orElseThrow();
            TextSpan cut = cutAtWordBoundary(text, top.span, budget);
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

    /** The sentences read, with their embeddings and relevance. */
    private List<Candidate> candidates(SentenceWindows.Document document) {
        List<Integer> embedded = document.embedded();
        if (embedded.isEmpty()) {
            return List.of();
        }
        List<float[]> embeddings = document.embeddings();
        // the document as the mean of its tokens, like its sentences, whatever pooling the heads read
        double[] central = centrality.scores(embeddings, document.centroid());
        int total = document.sentences().size();
        List<Candidate> out = new ArrayList<>(embedded.size());
        for (int k = 0; k < embedded.size(); k++) {
            int position = embedded.get(k);
            double prior = 1.0 - (double) position / total;
            double relevance = (1 - positionWeight) * central[k] + positionWeight * prior;
            out.add(new Candidate(document.sentences().get(position), embeddings.get(k), relevance));
        }
        return out;
    }

    private List<Candidate> choose(List<Candidate> candidates, int budget) {
        List<Candidate> chosen = new ArrayList<>();
        boolean[] used = new boolean[candidates.size()];
        int chars = 0;
        while (chosen.size() < length.maxSentences()) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < candidates.size(); i++) {
                Candidate c = candidates.get(i);
                int cost = c.span.length() + (chosen.isEmpty() ? 0 : 1);
                if (used[i] || chars + cost > budget) {
                    continue;
                }
                double redundancy = 0;
                for (Candidate s : chosen) {
                    redundancy = Math.max(redundancy, Vectors.dot(c.embedding, s.embedding));
                }
                double score = lambda * c.relevance - (1 - lambda) * redundancy;
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

    private static TextSpan cutAtWordBoundary(String text, TextSpan span, int budget) {
        int limit = span.start() + budget;
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

    private record Candidate(TextSpan span, float[] embedding, double relevance) {}
}
