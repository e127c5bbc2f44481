package io.streamnlp.flink.inference;

import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import java.util.List;

/** Turns a buffer of pending events into enriched events, one encoder pass per token-budget batch. */
public interface Enricher extends AutoCloseable {

    /**
     * Enriched events in input order, the events whose batch the model could not process, and the
     * drift reports of the windows these events closed.
     */
    record Outcome(List<EnrichedEvent> enriched, List<DeadLetter> failed, List<DriftReport> driftReports) {}

    Outcome enrich(List<PendingEvent> events);

    /** The model serving now. */
    ServedModel model();

    /** Serves {@code next} from the next batch on and returns the model it replaced, for the caller to close. */
    ServedModel serve(ServedModel next);

    @Override
    void close();
}
