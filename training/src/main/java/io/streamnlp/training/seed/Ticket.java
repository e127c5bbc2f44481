package io.streamnlp.training.seed;

/** A generated support ticket with its three labels. */
record Ticket(GeneratedText text, String category, String sentiment, String urgency) {}
