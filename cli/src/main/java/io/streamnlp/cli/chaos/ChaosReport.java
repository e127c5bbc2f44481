package io.streamnlp.cli.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.Json;

/** What a chaos run prints: the audit, the faults with their times, restarts and throughput. */
record ChaosReport(
        int events, int acknowledged, long produceFailures, int parallelism, int rate, Audit audit, long jobRestarts) {
    private static final ObjectMapper JSON = Json.MAPPER;

    /** Exactly once, and every produced event was acknowledged (a run that could not produce proves nothing). */
    boolean passed() {
        return audit.exactlyOnce() && acknowledged == events;
    }

    ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("events", events);
        o.put("enriched", audit.enriched());
        o.put("dead_letters", audit.deadLetters());
        o.put("missing", audit.missing() + (events - acknowledged));
        o.put("duplicates", audit.duplicates());
        o.put("unexpected", audit.unexpected());
        o.put("wrong_version", audit.wrongVersion());
        o.put("aborted_seen", audit.abortedSeen());
        ArrayNode faults = o.putArray("faults");
        for (FaultRecord f : audit.faults()) {
            faults.addObject()
                    .put("fault", f.fault())
                    .put("detail", f.detail())
                    .put("at_s", round(f.atSeconds()))
                    .put("recovery_s", round(f.recoverySeconds()));
        }
        o.put("job_restarts", jobRestarts);
        o.put("max_recovery_s", round(audit.maxRecoverySeconds()));
        o.put("tps", audit.tps());
        o.put("parallelism", parallelism);
        o.put("rate", rate);
        o.put("produce_failures", produceFailures);
        return o;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
