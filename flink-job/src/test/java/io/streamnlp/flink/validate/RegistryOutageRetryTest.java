package io.streamnlp.flink.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.registry.RegistryUnavailableException;
import io.streamnlp.schemas.serde.WireFormatException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

class RegistryOutageRetryTest {
    private static RegistryUnavailableException outage() {
        return new RegistryUnavailableException("registry down", "http://registry", 503, 4, null);
    }

    @Test
    void waitsOutAnOutageAndCountsEachRetry() throws Exception {
        SimpleCounter retries = new SimpleCounter();
        AtomicInteger calls = new AtomicInteger();
        String result = new RegistryOutageRetry(new JobConfig.Retry(1, 4, 10_000), retries).call(() -> {
            if (calls.incrementAndGet() <= 3) {
                throw outage();
            }
            return "decoded";
        });
        assertThat(result).isEqualTo("decoded");
        assertThat(retries.getCount()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheMaximumWaitWithTheRegistrysError() {
        SimpleCounter retries = new SimpleCounter();
        assertThatThrownBy(() -> new RegistryOutageRetry(new JobConfig.Retry(5, 5, 12), retries).call(() -> {
                    throw outage();
                }))
                .isInstanceOf(RegistryUnavailableException.class);
        assertThat(retries.getCount()).isBetween(1L, 3L);
    }

    @Test
    void aBadRecordIsNotAnOutage() {
        SimpleCounter retries = new SimpleCounter();
        assertThatThrownBy(() -> new RegistryOutageRetry(new JobConfig.Retry(1, 1, 10_000), retries).call(() -> {
                    throw new WireFormatException(DeadLetterReason.UNKNOWN_SCHEMA, "in", 9, "no such id");
                }))
                .isInstanceOf(WireFormatException.class);
        assertThat(retries.getCount()).isZero();
    }
}
