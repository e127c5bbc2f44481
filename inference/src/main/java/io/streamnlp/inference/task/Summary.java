package io.streamnlp.inference.task;

import java.util.List;

/**
 * A summary of one text.
 *
 * @param text the summary; empty when the input has nothing to summarize (blank text)
 * @param method {@value #EXTRACTIVE} or {@value #ABSTRACTIVE}
 * @param sentences for extractive summaries, the chosen sentences' spans in the input in document
 *     order; empty for abstractive ones
 */
public record Summary(String text, String method, List<TextSpan> sentences) {

    public static final String EXTRACTIVE = "extractive";
    public static final String ABSTRACTIVE = "abstractive";

    public Summary {
        sentences = List.copyOf(sentences);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }
}
