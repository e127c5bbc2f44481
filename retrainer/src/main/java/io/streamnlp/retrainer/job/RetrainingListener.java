package io.streamnlp.retrainer.job;

/** Told of every request the job finished with, after its offset is committed, on the job's thread. */
@FunctionalInterface
public interface RetrainingListener {

    RetrainingListener NONE = outcome -> {};

    void onOutcome(RetrainingOutcome outcome);
}
