package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
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
 * @param mmrLambda extractive: weight of relevance against redundancy in maximal marginal relevance, in [0, 1]
 * @param maxNewTokens hf: generation budget
 * @param numBeams hf: 1 for greedy search, more for beam search
 * @param lengthPenalty hf: beam-search length penalty exponent
 * @param lengthRatio extractive: the summary's character budget as a share of the document's, in (0, 1],
 *     bounded by {@code minChars} and {@code maxChars}
 * @param minChars extractive: the budget never falls below this many characters
 * @param centrality extractive: {@code centroid} (cosine similarity to the mean sentence embedding) or
 *     {@code textrank} (PageRank over the sentences' cosine similarity graph)
 * @param positionWeight extractive: weight in [0, 1] of the position prior (1 for the first sentence falling
 *     linearly to 0 after the last) against centrality in a sentence's relevance
 * @param maxDocumentTokens extractive: tokens of a document read to rank its sentences, in windows of the encoder's
 *     {@code max_length} (the first is the shared pass); later sentences are not candidates
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
        @JsonProperty("length_penalty") Double lengthPenalty,
        @JsonProperty("length_ratio") Double lengthRatio,
        @JsonProperty("min_chars") Integer minChars,
        @JsonProperty("centrality") String centrality,
        @JsonProperty("position_weight") Double positionWeight,
        @JsonProperty("max_document_tokens") Integer maxDocumentTokens) {

    public static final String EXTRACTIVE = "extractive";
    public static final String CENTROID = "centroid";
    public static final String TEXTRANK = "textrank";
    public static final int DEFAULT_MAX_DOCUMENT_TOKENS = 1024;

    @JsonCreator
    public SummarizationSpec {
        kind = kind == null ? EXTRACTIVE : kind;
        if (EXTRACTIVE.equals(kind)) {
            maxSentences = maxSentences == null ? 8 : maxSentences;
            maxChars = maxChars == null ? 800 : maxChars;
            mmrLambda = mmrLambda == null ? 0.7 : mmrLambda;
            lengthRatio = lengthRatio == null ? 0.3 : lengthRatio;
            // bundles written before min_chars existed may cap max_chars below its default
            minChars = minChars == null ? Math.min(120, maxChars) : minChars;
            centrality = centrality == null ? CENTROID : centrality;
            positionWeight = positionWeight == null ? 0.0 : positionWeight;
            maxDocumentTokens = maxDocumentTokens == null ? DEFAULT_MAX_DOCUMENT_TOKENS : maxDocumentTokens;
        }
    }

    /** A spec without the extractive length, centrality and position fields (hf, or their defaults). */
    public SummarizationSpec(
            String kind,
            String path,
            Integer maxSentences,
            Integer maxChars,
            Double mmrLambda,
            Integer maxNewTokens,
            Integer numBeams,
            Double lengthPenalty) {
        this(
                kind,
                path,
                maxSentences,
                maxChars,
                mmrLambda,
                maxNewTokens,
                numBeams,
                lengthPenalty,
                null,
                null,
                null,
                null,
                null);
    }

    /** The extractive summarizer with every field at its default. */
    public static SummarizationSpec extractive() {
        return new SummarizationSpec(EXTRACTIVE, null, null, null, null, null, null, null);
    }

    public static SummarizationSpec extractive(int maxSentences, int maxChars, double mmrLambda) {
        return new SummarizationSpec(EXTRACTIVE, null, maxSentences, maxChars, mmrLambda, null, null, null);
    }
}
