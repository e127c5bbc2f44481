package io.streamnlp.flink.inference;

import io.streamnlp.inference.encoder.TokenizedText;

/**
 * A valid event waiting in the operator's batcher with its encoding: tokenized once, on arrival,
 * by the model that will run it, so that batch planning and the encoder pass share one tokenization.
 *
 * @param seq the event's place in the subtask's arrival order
 */
public record QueuedEvent(PendingEvent pending, TokenizedText tokens, long seq) {}
