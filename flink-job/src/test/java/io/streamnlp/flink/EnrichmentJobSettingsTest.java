package io.streamnlp.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The guarantee settings reach the environment the job is built on, not only the config record. */
class EnrichmentJobSettingsTest {

    @Test
    void checkpointAndRestartSettingsAreExplicit() {
        JobConfig config = JobConfig.of(Map.of("checkpoint.timeout-ms", "90000", "restart.max-backoff-ms", "30000"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.configure(EnrichmentJob.recoverySettings(config));
        env.enableCheckpointing(config.checkpointIntervalMs());

        assertThat(env.getCheckpointConfig().getCheckpointTimeout()).isEqualTo(90_000);
        assertThat(env.getCheckpointConfig().getTolerableCheckpointFailureNumber())
                .isEqualTo(2);
        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(10_000);
        Configuration applied = (Configuration) env.getConfiguration();
        assertThat(applied.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(applied.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(applied.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
                .isEqualTo(Duration.ofMinutes(5));
    }
}
