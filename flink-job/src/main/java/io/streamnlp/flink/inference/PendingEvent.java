package io.streamnlp.flink.inference;

import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.schemas.avro.TextEvent;

/**
 * A decoded, valid event waiting for inference. It keeps the raw record so that an event the
 * model fails on still reaches the dead-letter topic with its original bytes. A Flink POJO.
 */
public class PendingEvent {
    public TextEvent event;
    public RawRecord source;

    public PendingEvent() {}

    public PendingEvent(TextEvent event, RawRecord source) {
        this.event = event;
        this.source = source;
    }
}
