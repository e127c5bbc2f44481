package io.streamnlp.retrainer.job;

import java.util.Optional;

/**
 * What became of one retrain request.
 *
 * @param resumed the request was registered by an earlier delivery that stopped before setting the aliases;
 *     this delivery applied the recorded decision and trained nothing
 * @param challengerVersion the version registered for the request (also for {@link Status#DUPLICATE}), or null
 * @param championVersion the champion after the request was handled, or null when the model is unknown
 * @param challenger the challenger's scores on the held-out feedback, or null when none was trained
 * @param champion the (previous) champion's scores on the same feedback, or null when none was trained
 * @param message a one-line account for logs and operators
 */
public record RetrainingOutcome(
        String requestId,
        String model,
        String task,
        Status status,
        boolean resumed,
        Integer challengerVersion,
        Integer championVersion,
        HoldoutScores challenger,
        HoldoutScores champion,
        String message) {

    public enum Status {
        /** A challenger was registered and won by the margin: it is the champion now. */
        PROMOTED,
        /** A challenger was registered under the alias {@code challenger}; the champion stays. */
        NOT_PROMOTED,
        /** The request was handled before; nothing was trained again. */
        DUPLICATE,
        /** The request cannot be served (see the message); it is not retried. */
        REJECTED,
        /** The request failed on every attempt; it is not retried. */
        FAILED
    }

    /** Whether this delivery registered a new version. */
    public boolean registeredChallenger() {
        return !resumed && (status == Status.PROMOTED || status == Status.NOT_PROMOTED);
    }

    public Optional<Integer> challengerVersionNumber() {
        return Optional.ofNullable(challengerVersion);
    }

    static RetrainingOutcome withoutTraining(
            String requestId, String model, String task, Status status, Integer championVersion, String message) {
        return new RetrainingOutcome(requestId, model, task, status, false, null, championVersion, null, null, message);
    }
}
