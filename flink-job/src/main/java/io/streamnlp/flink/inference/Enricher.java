package io.streamnlp.flink.inference;

import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import java.util.List;

/**
 * Runs the served model: tokenizes events as they arrive, and enriches each planned batch in one encoder pass. The
 * pass ({@link #infer}) may run on a thread of its own while the task thread admits events and builds the records
 * of the previous pass ({@link #complete}); {@link #serve} is only called while no pass is in flight.
 */
public interface Enricher extends AutoCloseable {

    /** An arriving event's encoding, or the dead letter that replaces the event when tokenizing it failed. */
    record Admission(TokenizedText tokens, DeadLetter failed) {}

    /**
     * What became of a batch: by batch position, the enriched event or null for an event that went to
     * {@code failed}; and the drift reports of the windows the batch closed.
     */
    record Outcome(List<EnrichedEvent> enriched, List<DeadLetter> failed, List<DriftReport> driftReports) {}

    /** Tokenizes an arriving event with the model serving now. */
    Admission admit(PendingEvent event);

    /** What one encoder pass computed for a batch, before any record is built from it. */
    interface Pass {}

    /**
     * One encoder pass over a batch of events this enricher admitted with the model serving now. Safe to call from
     * one thread other than the one that admits and completes.
     */
    Pass infer(List<QueuedEvent> batch);

    /** The records of a finished pass, built on the thread that admits events. */
    Outcome complete(Pass pass);

    /** {@link #infer} and {@link #complete} on the calling thread. */
    default Outcome enrich(List<QueuedEvent> batch) {
        return complete(infer(batch));
    }

    /** The model serving now. */
    ServedModel model();

    /**
     * Serves {@code next} from the next admitted event on and returns the model it replaced, for the caller
     * to close. Events admitted before must have been enriched: they were tokenized for the replaced model.
     */
    ServedModel serve(ServedModel next);

    @Override
    void close();
}
