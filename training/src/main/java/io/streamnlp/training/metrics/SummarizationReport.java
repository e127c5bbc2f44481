package io.streamnlp.training.metrics;

import java.util.List;

/** Mean ROUGE F-measures of a summarizer and of the two lead baselines over a test set. */
public record SummarizationReport(int n, Rouge.Scores system, Rouge.Scores lead3, Rouge.Scores leadSameLength) {

    /** {@code summaries.get(i)} is the system's summary of {@code documents.get(i)}. */
    public static SummarizationReport of(List<String> documents, List<String> references, List<String> summaries) {
        if (documents.size() != references.size() || documents.size() != summaries.size()) {
            throw new IllegalArgumentException("documents, references and summaries differ in number");
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate");
        }
        Mean system = new Mean();
        Mean lead3 = new Mean();
        Mean sameLength = new Mean();
        for (int i = 0; i < documents.size(); i++) {
            String doc = documents.get(i);
            String ref = references.get(i);
            system.add(Rouge.score(summaries.get(i), ref));
            lead3.add(Rouge.score(LeadBaselines.lead3(doc), ref));
            sameLength.add(Rouge.score(LeadBaselines.leadSameLength(doc, summaries.get(i)), ref));
        }
        return new SummarizationReport(documents.size(), system.get(), lead3.get(), sameLength.get());
    }

    private static final class Mean {
        private double r1;
        private double r2;
        private double rl;
        private int n;

        void add(Rouge.Scores s) {
            r1 += s.rouge1();
            r2 += s.rouge2();
            rl += s.rougeL();
            n++;
        }

        Rouge.Scores get() {
            return new Rouge.Scores(r1 / n, r2 / n, rl / n);
        }
    }
}
