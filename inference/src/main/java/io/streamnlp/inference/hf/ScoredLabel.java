package io.streamnlp.inference.hf;

/**
 * A label with its score.
 *
 * @param label the name from config.json's id2label
 * @param index the label id
 * @param score probability (softmax or sigmoid) or, for regression models, the raw output
 */
public record ScoredLabel(String label, int index, float score) {}
