package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The summarization task.
 *
 * @param kind {@code extractive} (default: sentences ranked on the shared encoder's states) or
 *     {@code hf} (a Hugging Face seq2seq export in the directory {@code path})
 * @param path directory of the hf export, relative to the bundle; absent for extractive
 * @param maxSentences extractive: at most this many sentences
 * @param maxChars extractive: at most this many characters (UTF-16 units) of chosen sentences
 * @param mmrLambda extractive: weight of centrality against redundancy in maximal marginal relevance, in [0, 1]
 * @param maxNewTokens hf: generation budget
 * @param numBeams hf: 1 for greedy search, more for beam search
 * @param lengthPenalty hf: beam-search length penalty exponent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummarizationSpec(
        @JsonProperty("kind") String kind,
        @JsonProperty("path") String path,
        @JsonProperty("max_sentences") Integer maxSentences,
        @JsonProperty("max_chars") Integer maxChars,
        @JsonProperty("mmr_lambda") Double mmrLambda,
        @JsonProperty("max_new_tokens") Integer maxNewTokens,
        @JsonProperty("num_beams") Integer numBeams,
        @JsonProperty("length_penalty") Double lengthPenalty) {

    public static final String EXTRACTIVE = "extractive";

    public SummarizationSpec {
        kind = kind == null ? EXTRACTIVE : kind;
        if (EXTRACTIVE.equals(kind)) {
            maxSentences = maxSentences == null ? 3 : maxSentences;
            maxChars = maxChars == null ? 320 : maxChars;
            mmrLambda = mmrLambda == null ? 0.7 : mmrLambda;
        }
    }

    public static SummarizationSpec extractive(int maxSentences, int maxChars, double mmrLambda) {
        return new SummarizationSpec(EXTRACTIVE, null, maxSentences, maxChars, mmrLambda, null, null, null);
    }
}
