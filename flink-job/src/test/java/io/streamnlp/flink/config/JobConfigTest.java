package io.streamnlp.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamnlp.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    @Test
    void defaultsRunLocally() {
        JobConfig c = JobConfig.of(Map.of());
        assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.topics().input()).isEqualTo("text-events");
        assertThat(c.tasks()).containsExactlyInAnyOrder(JobConfig.Task.values());
        assertThat(c.model().ref()).isEqualTo("default@champion");
        assertThat(c.precision()).isEqualTo("auto");
        assertThat(c.kafka().transactionTimeoutMs()).isEqualTo(600_000);
        assertThat(c.drift().windowPolicy().toString()).isEqualTo("count:500");
        assertThat(c.validation()).isEqualTo(new JobConfig.Validation(100_000, 64, 4_096));
        assertThat(c.output()).isEqualTo(new JobConfig.Output(1_048_576, 65_536));
        assertThat(c.registry().outage()).isEqualTo(new JobConfig.Retry(500, 30_000, 300_000));
        assertThat(c.registry().clientConfig()).containsEntry("http.read.timeout.ms", "5000");
    }

    @Test
    void statsAreOnWithOneMinuteWindowsUnlessConfiguredOtherwise() {
        assertThat(JobConfig.of(Map.of()).stats())
                .isEqualTo(new JobConfig.Stats(
                        true,
                        "enrichment-stats",
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(10)));
        JobConfig.Stats custom = JobConfig.of(Map.of(
                        "stats.enabled", "false",
                        "topics.stats", "dash",
                        "stats.window", "10s",
                        "stats.out-of-orderness", "0s",
                        "stats.allowed-lateness", "5m",
                        "stats.idle-timeout", "500ms"))
                .stats();
        assertThat(custom)
                .isEqualTo(new JobConfig.Stats(
                        false,
                        "dash",
                        Duration.ofSeconds(10),
                        Duration.ZERO,
                        Duration.ofMinutes(5),
                        Duration.ofMillis(500)));
        assertThatThrownBy(() -> JobConfig.of(Map.of("stats.window", "10ms"))).hasMessageContaining("stats.window");
    }

    @Test
    void outputLimitFollowsTheProducersMaxRequestSizeAndStaysWithinIt() {
        assertThat(JobConfig.of(Map.of("kafka.properties.max.request.size", "4194304"))
                        .output()
                        .maxRecordBytes())
                .isEqualTo(4_194_304);
        assertThat(JobConfig.of(Map.of("output.max-record-bytes", "200000"))
                        .output()
                        .maxRecordBytes())
                .isEqualTo(200_000);
        assertThatThrownBy(() -> JobConfig.of(Map.of("output.max-record-bytes", "2000000")))
                .hasMessageContaining("output.max-record-bytes")
                .hasMessageContaining("max.request.size");
        assertThatThrownBy(() -> JobConfig.of(
                        Map.of("output.max-record-bytes", "100000", "output.dead-letter-bytes-cap", "65536")))
                .hasMessageContaining("output.dead-letter-bytes-cap");
    }

    @Test
    void aFollowedModelIsPolledAndAFailedLoadRetriedWithADoublingCappedBackoff() {
        JobConfig.Model defaults = JobConfig.of(Map.of()).model();
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.loadAttempts()).isEqualTo(3);
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(defaults::retryDelay))
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(4),
                        Duration.ofMinutes(8),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10));
        assertThat(defaults.retryDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));

        JobConfig.Model fast = JobConfig.of(Map.of(
                        "model.poll-interval", "500ms", "model.retry-backoff", "PT1S", "model.retry-backoff-max", "3s"))
                .model();
        assertThat(fast.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(IntStream.rangeClosed(1, 3).mapToObj(fast::retryDelay))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));

        assertThatThrownBy(() -> JobConfig.of(Map.of("model.poll-interval", "often")))
                .hasMessageContaining("model.poll-interval must be a duration");
        assertThatThrownBy(() -> JobConfig.of(Map.of("model.poll-interval", "1ms")))
                .hasMessageContaining("model.poll-interval must be in [100ms, 1d]");
        assertThatThrownBy(() -> JobConfig.of(Map.of("model.retry-backoff", "1m", "model.retry-backoff-max", "30s")))
                .hasMessageContaining("must be at least model.retry-backoff");
        assertThatThrownBy(() -> JobConfig.of(Map.of("model.load-attempts", "0")))
                .hasMessageContaining("model.load-attempts");
    }

    @Test
    void fileThenFlagsWithFlagsWinning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(
                file, "topics.input=from-file\nbatch.max-size=16\nkafka.properties.security.protocol=SASL_SSL\n");
        JobConfig c =
                JobConfig.fromArgs(new String[] {"--config", file.toString(), "--batch.max-size", "8", "--tasks=ner"});
        assertThat(c.topics().input()).isEqualTo("from-file");
        assertThat(c.batch().maxSize()).isEqualTo(8);
        assertThat(c.tasks()).isEqualTo(Set.of(JobConfig.Task.NER));
        assertThat(c.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void refusesWhatItCannotUseWithAMessageNamingTheKey() {
        assertThatThrownBy(() -> JobConfig.of(Map.of("batch.max-size", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("batch.max-size");
        assertThatThrownBy(() -> JobConfig.of(Map.of("batch.max-size", "0"))).hasMessageContaining("in [1, 4096]");
        assertThatThrownBy(() -> JobConfig.of(Map.of("topic.input", "x")))
                .hasMessageContaining("unknown configuration key(s) topic.input");
        assertThatThrownBy(() -> JobConfig.of(Map.of("tasks", "translation")))
                .hasMessageContaining("tasks: unknown value 'translation'");
        assertThatThrownBy(() -> JobConfig.of(Map.of("inference.device", "tpu")))
                .hasMessageContaining("cpu or gpu");
        assertThatThrownBy(() -> JobConfig.of(Map.of("inference.precision", "bf16")))
                .hasMessageContaining("fp32 or int8");
        assertThatThrownBy(() -> JobConfig.of(Map.of("batch.buffer-capacity", "4", "batch.max-size", "8")))
                .hasMessageContaining("at least batch.max-size");
        assertThatThrownBy(() -> JobConfig.of(Map.of("kafka.transaction-timeout-ms", "3600000")))
                .hasMessageContaining("kafka.transaction-timeout-ms");
        assertThatThrownBy(() -> JobConfig.of(Map.of("drift.window", "weekly"))).hasMessageContaining("drift");
        assertThatThrownBy(() -> JobConfig.of(Map.of("drift.thresholds.js_distance", "high")))
                .hasMessageContaining("drift.thresholds.js_distance");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--config"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"stray"}))
                .hasMessageContaining("expected --key value");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--config", "/no/such/file.properties"}))
                .hasMessageContaining("/no/such/file.properties");
    }

    @Test
    void refusesPassThroughPropertiesTheGuaranteesRestOn() {
        for (String key :
                new String[] {"isolation.level", "enable.auto.commit", "transactional.id", "enable.idempotence"}) {
            assertThatThrownBy(() -> JobConfig.of(Map.of("kafka.properties." + key, "x")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("kafka.properties." + key + " cannot be set");
        }
        assertThat(JobConfig.of(Map.of("kafka.properties.max.request.size", "8388608"))
                        .kafka()
                        .clientProperties())
                .containsEntry("max.request.size", "8388608");
    }

    @Test
    void checkpointsMustCompleteWithinTheSinkTransactionTimeout() {
        JobConfig.Recovery defaults = JobConfig.of(Map.of()).recovery();
        assertThat(defaults.checkpointTimeoutMs())
                .isLessThan(JobConfig.of(Map.of()).kafka().transactionTimeoutMs());
        assertThat(defaults.tolerableCheckpointFailures()).isEqualTo(2);
        // 3 x (10 s + 200 s) = 630 s outlives the 600 s transaction
        assertThatThrownBy(() -> JobConfig.of(Map.of("checkpoint.timeout-ms", "200000")))
                .hasMessageContaining("below kafka.transaction-timeout-ms");
        assertThat(JobConfig.of(Map.of("checkpoint.timeout-ms", "200000", "checkpoint.tolerable-failures", "0"))
                        .recovery()
                        .checkpointTimeoutMs())
                .isEqualTo(200_000);
        assertThatThrownBy(() ->
                        JobConfig.of(Map.of("restart.initial-backoff-ms", "5000", "restart.max-backoff-ms", "1000")))
                .hasMessageContaining("restart.max-backoff-ms");
        assertThatThrownBy(() -> JobConfig.of(Map.of("restart.backoff-multiplier", "0.5")))
                .hasMessageContaining("in [1.0, 100.0]");
    }
}
