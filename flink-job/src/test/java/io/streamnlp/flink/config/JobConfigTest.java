package io.streamnlp.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(c.kafka().transactionTimeoutMs()).isEqualTo(600_000);
        assertThat(c.drift().windowPolicy().toString()).isEqualTo("count:500");
    }

    @Test
    void aFollowedModelIsPolledAndAFailedLoadRetriedWithADoublingCappedBackoff() {
        JobConfig.Model defaults = JobConfig.of(Map.of()).model();
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.loadAttempts()).isEqualTo(3);
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(defaults::retryDelay)).containsExactly(Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(10),
                Duration.ofMinutes(10));
        assertThat(defaults.retryDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));

        JobConfig.Model fast = JobConfig.of(Map.of("model.poll-interval", "500ms", "model.retry-backoff", "PT1S",
                "model.retry-backoff-max", "3s")).model();
        assertThat(fast.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(IntStream.rangeClosed(1, 3).mapToObj(fast::retryDelay)).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(3));

        assertThatThrownBy(() -> JobConfig.of(Map.of("model.poll-interval", "often"))).hasMessageContaining("model.poll-interval must be a duration");
        assertThatThrownBy(() -> JobConfig.of(Map.of("model.poll-interval", "1ms"))).hasMessageContaining("model.poll-interval must be between");
        assertThatThrownBy(() -> JobConfig.of(Map.of("model.retry-backoff", "1m", "model.retry-backoff-max", "30s")))
                .hasMessageContaining("must be at least model.retry-backoff");
        assertThatThrownBy(() -> JobConfig.of(Map.of("model.load-attempts", "0"))).hasMessageContaining("model.load-attempts");
    }

    @Test
    void fileThenFlagsWithFlagsWinning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "topics.input=from-file\nbatch.max-size=16\nkafka.properties.security.protocol=SASL_SSL\n");
        JobConfig c = JobConfig.fromArgs(new String[] {"--config", file.toString(), "--batch.max-size", "8", "--tasks=ner"});
        assertThat(c.topics().input()).isEqualTo("from-file");
        assertThat(c.batch().maxSize()).isEqualTo(8);
        assertThat(c.tasks()).isEqualTo(Set.of(JobConfig.Task.NER));
        assertThat(c.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void refusesWhatItCannotUseWithAMessageNamingTheKey() {
        assertThatThrownBy(() -> JobConfig.of(Map.of("batch.max-size", "lots"))).isInstanceOf(ConfigException.class).hasMessageContaining("batch.max-size");
        assertThatThrownBy(() -> JobConfig.of(Map.of("batch.max-size", "0"))).hasMessageContaining("between 1");
        assertThatThrownBy(() -> JobConfig.of(Map.of("topic.input", "x"))).hasMessageContaining("unknown configuration key(s): [topic.input]");
        assertThatThrownBy(() -> JobConfig.of(Map.of("tasks", "translation"))).hasMessageContaining("tasks: unknown value 'translation'");
        assertThatThrownBy(() -> JobConfig.of(Map.of("inference.device", "tpu"))).hasMessageContaining("cpu or gpu");
        assertThatThrownBy(() -> JobConfig.of(Map.of("batch.buffer-capacity", "4", "batch.max-size", "8"))).hasMessageContaining("at least batch.max-size");
        assertThatThrownBy(() -> JobConfig.of(Map.of("kafka.transaction-timeout-ms", "3600000"))).hasMessageContaining("kafka.transaction-timeout-ms");
        assertThatThrownBy(() -> JobConfig.of(Map.of("drift.window", "weekly"))).hasMessageContaining("drift");
        assertThatThrownBy(() -> JobConfig.of(Map.of("drift.thresholds.js_distance", "high"))).hasMessageContaining("drift.thresholds.js_distance");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--config"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"stray"})).hasMessageContaining("expected --key value");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--config", "/no/such/file.properties"})).hasMessageContaining("/no/such/file.properties");
    }
}
