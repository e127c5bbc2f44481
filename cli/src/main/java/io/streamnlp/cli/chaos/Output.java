package io.streamnlp.cli.chaos;

/**
 * One record the job wrote for an input event: an enriched record (with the model version that produced
 * it) or a dead letter (no version), and when the job produced it (epoch millis).
 */
record Output(String id, String modelVersion, long atMillis) {
    boolean deadLetter() {
        return modelVersion == null;
    }
}
