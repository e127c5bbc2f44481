package io.streamnlp.training.bench;

import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.summary.ExtractiveSummarizer;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.training.data.SummarizationJsonl;
import io.streamnlp.training.data.SummaryPair;
import io.streamnlp.training.metrics.SummarizationReport;
import io.streamnlp.training.seed.SeedCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Tunes the extractive summarizer: encodes the documents once on the builtin encoder, then scores a grid of
 * summarization settings (length ratio, centrality, position weight, MMR lambda) against the reference summaries and
 * the lead baselines, one line per setting, best ROUGE-1 margin over lead_same_length last. Not part of the test
 * suite. Usage: {@code SummarizationBenchmark [FILE.jsonl]} (default: the seed corpus's ticket threads);
 * {@code -Dbench.maxDocumentTokens=N} sets {@code max_document_tokens}.
 */
public final class SummarizationBenchmark {

    private static final double[] RATIOS = {0.2, 0.3, 0.4, 0.5, 0.6};
    private static final String[] CENTRALITIES = {SummarizationSpec.CENTROID, SummarizationSpec.TEXTRANK};
    private static final double[] POSITION_WEIGHTS = {0.0, 0.1, 0.2, 0.4};
    private static final double[] LAMBDAS = {0.5, 0.7, 0.9, 1.0};
    private static final Integer MAX_DOCUMENT_TOKENS = Integer.getInteger("bench.maxDocumentTokens");

    private SummarizationBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<SummaryPair> pairs = args.length > 0
                ? SummarizationJsonl.read(Path.of(args[0]))
                : SeedCorpus.bundled().summaries();
        List<String> documents = pairs.stream().map(SummaryPair::document).toList();
        List<String> references = pairs.stream().map(SummaryPair::summary).toList();
        try (SharedEncoder encoder = SharedEncoder.builtin(InferenceOptions.defaults())) {
            grid(documents, references, encoder);
        }
    }

    private static void grid(List<String> documents, List<String> references, SharedEncoder encoder) {
        EncodedBatch encoded = encoder.encode(documents);
        // a long document's further windows are the same for every setting: encode each once
        Map<String, EncodedText> windows = new HashMap<>();
        Function<List<String>, EncodedBatch> cached = texts -> new EncodedBatch(
                texts.stream()
                        .map(t -> windows.computeIfAbsent(
                                t, k -> encoder.encode(List.of(k)).get(0)))
                        .toList(),
                0);
        SummarizationSpec defaults = SummarizationSpec.extractive();
        String best = null;
        double bestMargin = Double.NEGATIVE_INFINITY;
        for (double ratio : RATIOS) {
            for (String centrality : CENTRALITIES) {
                for (double position : POSITION_WEIGHTS) {
                    for (double lambda : LAMBDAS) {
                        SummarizationSpec spec = new SummarizationSpec(
                                SummarizationSpec.EXTRACTIVE,
                                null,
                                defaults.maxSentences(),
                                defaults.maxChars(),
                                lambda,
                                null,
                                null,
                                null,
                                ratio,
                                defaults.minChars(),
                                centrality,
                                position,
                                MAX_DOCUMENT_TOKENS);
                        List<String> summaries = new ArrayList<>();
                        for (Summary s : ExtractiveSummarizer.of(spec, cached).summarize(encoded)) {
                            summaries.add(s.text());
                        }
                        SummarizationReport report = SummarizationReport.of(documents, references, summaries);
                        double margin = report.system().rouge1()
                                - report.leadSameLength().rouge1();
                        String line = String.format(
                                Locale.ROOT,
                                "ratio %.2f %-8s position %.1f lambda %.1f: rouge1 %.3f rouge2 %.3f rougeL %.3f"
                                        + " | lead_same_length %.3f (%+.3f) | lead3 %.3f",
                                ratio,
                                centrality,
                                position,
                                lambda,
                                report.system().rouge1(),
                                report.system().rouge2(),
                                report.system().rougeL(),
                                report.leadSameLength().rouge1(),
                                margin,
                                report.lead3().rouge1());
                        System.out.println(line);
                        if (margin > bestMargin) {
                            bestMargin = margin;
                            best = line;
                        }
                    }
                }
            }
        }
        System.out.println("best: " + best);
    }
}
