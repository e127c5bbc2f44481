package io.streamnlp.retrainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.config.ConfigException;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.FineTuneConfig.Setting;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainingConfigTest {

    @Test
    void defaultsRunLocally() {
        RetrainingConfig config = RetrainingConfig.of(Map.of("model.registry.dir", "/tmp/registry"));
        assertEquals("127.0.0.1:9092", config.kafka().bootstrapServers());
        assertEquals("retrain-requests", config.topics().retrainRequests());
        assertEquals("feedback", config.topics().feedback());
        assertEquals("model-events", config.topics().modelEvents());
        assertEquals(Path.of("/tmp/registry"), config.modelRegistry().dir());
        assertEquals(PromotionPolicy.defaults(), config.training().promotion());
        assertEquals(0.2, config.training().holdoutFraction());
        assertEquals(20, config.training().minFeedback());
        assertEquals("streamnlp-retrainer", config.delivery().groupId());
        assertEquals(Duration.ofSeconds(5), config.delivery().retryBackoff());
        assertEquals(Duration.ofSeconds(60), config.delivery().maxRetryBackoff());
        assertEquals(
                new RetrainingConfig.FineTuning(false, null, null, 900),
                config.training().fineTuning());
        assertEquals(
                FineTuneConfig.defaults().withMaxSeconds(900).withSeed(42).withPicked(EnumSet.allOf(Setting.class)),
                config.training().fineTuning().config(42),
                "the whole schedule is picked to fit retrain.fine-tune.max-seconds");
    }

    @Test
    void readsEveryKey() {
        RetrainingConfig config = RetrainingConfig.of(Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", "kafka:9092"),
                Map.entry("kafka.properties.security.protocol", "SASL_SSL"),
                Map.entry("registry.url", "http://sr:8081"),
                Map.entry("registry.bearer-token", "t0ken"),
                Map.entry("topics.retrain-requests", "rr"),
                Map.entry("topics.feedback", "fb"),
                Map.entry("topics.model-events", "me"),
                Map.entry("model.registry.url", "http://registry:8090"),
                Map.entry("model.registry.token", "secret"),
                Map.entry("retrain.promotion-metric", "macro-f1"),
                Map.entry("retrain.promotion-margin", "0.05"),
                Map.entry("retrain.holdout-fraction", "0.3"),
                Map.entry("retrain.min-feedback", "50"),
                Map.entry("retrain.seed", "7"),
                Map.entry("retrain.fine-tune", "true"),
                Map.entry("retrain.fine-tune.epochs", "2"),
                Map.entry("retrain.fine-tune.max-steps", "300"),
                Map.entry("retrain.fine-tune.max-seconds", "600"),
                Map.entry("inference.intra-op-threads", "1")));
        Map<String, Object> client = config.kafka().clientConfig();
        assertEquals("kafka:9092", client.get("bootstrap.servers"));
        assertEquals("SASL_SSL", client.get("security.protocol"));
        assertEquals("http://sr:8081", client.get("schema.registry.url"));
        assertEquals("t0ken", client.get("bearer.auth.token"));
        assertNull(config.modelRegistry().dir());
        assertEquals(URI.create("http://registry:8090"), config.modelRegistry().url());
        assertEquals(
                new PromotionPolicy(PromotionPolicy.Metric.MACRO_F1, 0.05),
                config.training().promotion());
        assertEquals(7, config.training().seed());
        assertEquals(
                new RetrainingConfig.FineTuning(true, 2, 300, 600),
                config.training().fineTuning());
        assertEquals(
                FineTuneConfig.defaults()
                        .withEpochs(2)
                        .withMaxSteps(300)
                        .withMaxSeconds(600)
                        .withSeed(7)
                        .withPicked(EnumSet.complementOf(EnumSet.of(Setting.EPOCHS, Setting.MAX_STEPS))),
                config.training().fineTuning().config(7),
                "the epochs and steps given win; the rest is picked");
        assertEquals(1, config.inference().intraOpThreads());
    }

    @Test
    void malformedValuesAreNamedInTheError() {
        assertMessage("retrain.holdout-fraction must be in (0, 1), got 1.0", Map.of("retrain.holdout-fraction", "1"));
        assertMessage(
                "retrain.promotion-margin must be a number, got 'two percent'",
                Map.of("retrain.promotion-margin", "two percent"));
        assertMessage(
                "retrain.promotion-metric must be accuracy or macro-f1, got 'loss'",
                Map.of("retrain.promotion-metric", "loss"));
        assertMessage(
                "retrain.min-feedback must be >= 2 (one to train on, one to evaluate), got 1",
                Map.of("retrain.min-feedback", "1"));
        assertMessage(
                "topics.retrain-requests, topics.feedback and topics.model-events must differ",
                Map.of("topics.feedback", "retrain-requests"));
        assertMessage(
                "give exactly one of model.registry.dir and model.registry.url",
                Map.of("model.registry.dir", "/tmp/r", "model.registry.url", "http://registry:8090"));
        assertMessage("retrain.fine-tune must be true or false, got 'yes'", Map.of("retrain.fine-tune", "yes"));
        assertMessage(
                "retrain.fine-tune.max-seconds (1200) must be at most half of retrain.max-request-ms (1800000):"
                        + " the rest of a request (data, evaluation, registration) needs time too",
                Map.of("retrain.fine-tune", "true", "retrain.fine-tune.max-seconds", "1200"));
        assertMessage(
                "retrain.max-retry-backoff-ms (1000) must be at least retrain.retry-backoff-ms (5000)",
                Map.of("retrain.max-retry-backoff-ms", "1000"));
        assertMessage(
                "retrain.max-retry-backoff-ms (1800000) must be below retrain.max-request-ms (1800000)",
                Map.of("retrain.max-retry-backoff-ms", "1800000"));
        assertMessage("unknown configuration key(s) retrain.promotion-margn", Map.of("retrain.promotion-margn", "0.1"));
        ConfigException inference =
                assertThrows(ConfigException.class, () -> RetrainingConfig.of(Map.of("inference.device", "tpu")));
        assertEquals("inference.device must be cpu or gpu, got 'tpu'", inference.getMessage());
    }

    @Test
    void argumentsLayerFilesAndOverrides(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("a.properties"), "retrain.seed=1\nretrain.min-feedback=30\n");
        Path second = Files.writeString(dir.resolve("b.properties"), "retrain.seed=2\n");
        RetrainingConfig config = RetrainingConfig.read(ConfigSources.fromArguments(
                RetrainingConfig.OPTIONS,
                Map.of(),
                "--retrain.seed",
                "3",
                "--config",
                first.toString(),
                "--config",
                second.toString(),
                "--model.registry.dir",
                "/r"));
        assertEquals(3, config.training().seed());
        assertEquals(30, config.training().minFeedback());
        assertThrows(ConfigException.class, () -> ConfigSources.parse(List.of("--config")));
        assertThrows(ConfigException.class, () -> ConfigSources.parse(List.of("seed", "3")));
        ConfigException missing = assertThrows(
                ConfigException.class,
                () -> RetrainingConfig.read(ConfigSources.fromArguments(
                        RetrainingConfig.OPTIONS,
                        Map.of(),
                        "--config",
                        dir.resolve("absent.properties").toString())));
        assertTrue(missing.getMessage().startsWith("cannot read configuration file"), missing.getMessage());
    }

    private static void assertMessage(String expected, Map<String, String> values) {
        Map<String, String> withDir = new java.util.HashMap<>(values);
        if (!values.containsKey("model.registry.url")) {
            withDir.putIfAbsent("model.registry.dir", "/tmp/registry");
        }
        ConfigException e = assertThrows(ConfigException.class, () -> RetrainingConfig.of(withDir));
        assertEquals(expected, e.getMessage());
    }
}
