package io.streamnlp.flink.inference;

import io.streamnlp.flink.validate.DeadLetters;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** INFERENCE_FAILED dead letters: the event's original bytes and what failed, logged and counted. */
final class InferenceDeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceDeadLetters.class);

    private final InferenceMetrics metrics;

    InferenceDeadLetters(InferenceMetrics metrics) {
        this.metrics = metrics;
    }

    DeadLetter of(ServedModel model, PendingEvent event, String what, Throwable cause) {
        LOG.error(
                "model {}: {} on event at {}-{}@{}; it goes to the dead-letter topic",
                model.label(),
                what,
                event.source.topic,
                event.source.partition,
                event.source.offset,
                cause);
        metrics.failed();
        return DeadLetters.of(
                event.source, DeadLetterReason.INFERENCE_FAILED, "model " + model.label() + ": " + what + ": " + cause);
    }
}
