package io.streamnlp.inference.hf;

import java.util.Locale;

/** transformers' token-classification {@code aggregation_strategy}, with the same semantics. */
public enum AggregationStrategy {
    /** One result per token, labelled with the full tag ({@code B-PER}). */
    NONE,
    /** Consecutive tokens with the same tag (B- starts a new one) form one entity. */
    SIMPLE,
    /** Like SIMPLE on words; a word takes the tag of its first token. */
    FIRST,
    /** Like SIMPLE on words; a word takes the tag of its highest-scoring token. */
    MAX,
    /** Like SIMPLE on words; a word takes the best tag of its averaged token scores. */
    AVERAGE;

    /** Parses {@code none}, {@code simple}, {@code first}, {@code max} or {@code average} (any case). */
    public static AggregationStrategy parse(String value) {
        if (value != null) {
            for (AggregationStrategy s : values()) {
                if (s.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException(
                "aggregation strategy must be one of none, simple, first, max, average; got '" + value + "'");
    }
}
