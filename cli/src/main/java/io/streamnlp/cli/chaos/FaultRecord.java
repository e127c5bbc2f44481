package io.streamnlp.cli.chaos;

/**
 * One injected fault: what happened, when (epoch millis, and seconds since the run's first event),
 * and how long output took to flow again, filled in by the audit.
 */
record FaultRecord(String fault, String detail, long atMillis, double atSeconds, double recoverySeconds) {
    FaultRecord withRecovery(double seconds) {
        return new FaultRecord(fault, detail, atMillis, atSeconds, seconds);
    }
}
