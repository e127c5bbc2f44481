package io.streamnlp.inference.task;

/** A label with its probability. */
public record LabelScore(String label, float score) {}
