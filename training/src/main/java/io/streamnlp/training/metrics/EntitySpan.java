package io.streamnlp.training.metrics;

/** An entity chunk: its type and its first and last token (inclusive) in a sentence. */
public record EntitySpan(String type, int start, int end) {}
