package io.streamnlp.inference.hf;

/**
 * One entry of transformers' token-classification pipeline output.
 *
 * @param label {@code entity_group} (tag without B-/I-) when aggregated; the token's full tag for {@link
 *     AggregationStrategy#NONE}
 * @param score the probability of the label (averaged over the tokens or words of a group)
 * @param word the covered tokens joined as the tokenizer's decoder joins them (lower-cased if the tokenizer
 *     lower-cases); use {@code start}/{@code end} for the original text
 * @param start Java char index in the text where the entity starts
 * @param end Java char index in the text where the entity ends (exclusive)
 * @param tokenIndex the token's position in the model input for {@link AggregationStrategy#NONE}, else -1
 */
public record TokenEntity(String label, float score, String word, int start, int end, int tokenIndex) {}
