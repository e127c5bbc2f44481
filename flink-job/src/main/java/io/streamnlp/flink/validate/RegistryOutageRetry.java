package io.streamnlp.flink.validate;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.schemas.registry.SchemaRegistryException;
import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out a schema registry that cannot answer (unreachable, timing out, 5xx, refusing the job's credentials): no
 * fault of the record, so nothing is dead-lettered for it. The call is retried on the task thread with capped
 * exponential backoff, which backpressures the source; once {@code maxWaitMs} would be exceeded the last error is
 * thrown, the task fails and Flink restarts the job from its last checkpoint, so every record still comes out once.
 *
 * <p>A record the registry refuses (an unknown or non-Avro id) is not an outage: the deserializer reports it as a
 * {@link io.streamnlp.schemas.serde.WireFormatException}, which passes straight through.
 */
final class RegistryOutageRetry {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageRetry.class);

    private final JobConfig.Retry settings;
    private final Counter retries;

    RegistryOutageRetry(JobConfig.Retry settings, Counter retries) {
        this.settings = settings;
        this.retries = retries;
    }

    <T> T call(Supplier<T> request) throws InterruptedException {
        long start = System.nanoTime();
        long backoffMs = settings.initialBackoffMs();
        while (true) {
            try {
                return request.get();
            } catch (SchemaRegistryException e) {
                long waitedMs = (System.nanoTime() - start) / 1_000_000;
                if (waitedMs + backoffMs > settings.maxWaitMs()) {
                    LOG.error(
                            "schema registry still unavailable after {} ms (registry.outage.max-wait-ms={}); failing the task",
                            waitedMs,
                            settings.maxWaitMs());
                    throw e;
                }
                retries.inc();
                LOG.warn(
                        "schema registry unavailable, retrying in {} ms ({} ms so far): {}",
                        backoffMs,
                        waitedMs,
                        e.getMessage());
                Thread.sleep(backoffMs);
                backoffMs = Math.min(settings.maxBackoffMs(), backoffMs * 2);
            }
        }
    }
}
