package io.streamnlp.flink.config;

import io.streamnlp.config.ConfigException;
import io.streamnlp.config.KafkaClientProperties;
import java.util.Map;

/**
 * The Kafka client settings that exactly-once rests on. The job sets them itself; a pass-through
 * property that named one would silently weaken the guarantee (a read_uncommitted source sees
 * aborted records, a non-idempotent producer duplicates), so it is refused at start-up instead.
 */
public final class GuaranteedClientProperties {
    private static final Map<String, String> OWNED = Map.of(
            "isolation.level", "the source reads read_committed so that aborted output is never enriched",
            "enable.auto.commit", "offsets are committed with Flink's checkpoints, never by the consumer",
            "transactional.id", "the sinks derive transactional ids from job.name",
            "enable.idempotence", "the transactional sinks need idempotent producers",
            "transaction.timeout.ms", "set it with kafka.transaction-timeout-ms");

    private GuaranteedClientProperties() {}

    /**
     * @return {@code properties} unchanged
     * @throws ConfigException naming the first key the job owns
     */
    public static Map<String, String> refuseOverrides(Map<String, String> properties) {
        return KafkaClientProperties.refuseOwned(properties, OWNED);
    }
}
