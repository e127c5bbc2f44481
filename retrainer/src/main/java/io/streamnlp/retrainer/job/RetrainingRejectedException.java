package io.streamnlp.retrainer.job;

/**
 * A request the job cannot serve however often it tries (unknown model, a task without a trainable
 * head, too little feedback): it is reported and committed, not retried.
 */
public final class RetrainingRejectedException extends RuntimeException {

    public RetrainingRejectedException(String message) {
        super(message);
    }
}
