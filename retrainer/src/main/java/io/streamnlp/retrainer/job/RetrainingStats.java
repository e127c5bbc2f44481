package io.streamnlp.retrainer.job;

/**
 * Counters of a running job.
 *
 * @param requestsHandled requests finished with, whatever the outcome
 * @param challengersRegistered new versions registered
 * @param promotions challengers made champion
 * @param registryRetries tries put off because the model registry could not be reached (the request waits)
 */
public record RetrainingStats(
        long requestsHandled,
        long challengersRegistered,
        long promotions,
        long duplicates,
        long rejected,
        long failed,
        long registryRetries) {}
