package io.streamnlp.training.data;

import java.util.Objects;

/** One summarization example: a document and its reference summary. */
public record SummaryPair(String document, String summary) {
    public SummaryPair {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(summary, "summary");
    }
}
