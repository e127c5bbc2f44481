package io.streamnlp.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamnlp.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RetrainerConfigTest {

    @Test
    void theTriggerSharesTheBrokerRegistryAndTopicsOfTheJob() {
        RetrainerConfig config = RetrainerConfig.of(Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", "kafka:19092"),
                Map.entry("registry.url", "http://schema-registry:8081"),
                Map.entry("model.registry.dir", "/data/registry"),
                Map.entry("topics.feedback", "labels"),
                Map.entry("topics.retrain-requests", "retrains"),
                Map.entry("topics.drift-metrics", "drift"),
                Map.entry("trigger.cooldown", "30m"),
                Map.entry("trigger.consecutive-windows", "2"),
                Map.entry("trigger.state-dir", "/data/streams"),
                Map.entry("kafka.properties.security.protocol", "SASL_SSL"),
                Map.entry("kafka.properties.sasl.mechanism", "SCRAM-SHA-512")));
        assertEquals("kafka:19092", config.trigger().bootstrapServers());
        assertEquals("http://schema-registry:8081", config.trigger().schemaRegistryUrl());
        assertEquals("labels", config.trigger().feedbackTopic());
        assertEquals("retrains", config.trigger().requestTopic());
        assertEquals("retrains", config.retraining().topics().retrainRequests());
        assertEquals("drift", config.trigger().driftTopic());
        assertEquals(Duration.ofMinutes(30), config.trigger().cooldown());
        assertEquals(2, config.trigger().consecutiveWindows());
        assertEquals(Path.of("/data/streams"), config.trigger().stateDir());
        Properties streams = config.trigger().streamsProperties();
        assertEquals("SASL_SSL", streams.get("security.protocol"), "the Streams client gets kafka.properties.*");
        assertEquals("SCRAM-SHA-512", streams.get("sasl.mechanism"));
    }

    @Test
    void badTriggerValuesAndUnknownKeysAreRefused() {
        ConfigException cooldown = assertThrows(
                ConfigException.class,
                () -> RetrainerConfig.of(Map.of("model.registry.dir", "/r", "trigger.cooldown", "soon")));
        assertEquals(
                "trigger: trigger.cooldown must be a duration like PT1H or 30m, got 'soon'", cooldown.getMessage());
        ConfigException unknown = assertThrows(
                ConfigException.class,
                () -> RetrainerConfig.of(Map.of("model.registry.dir", "/r", "trigger.windows", "3")));
        assertEquals("unknown configuration key(s) trigger.windows", unknown.getMessage());
        ConfigException args = assertThrows(ConfigException.class, () -> RetrainerConfig.fromArgs("--config"));
        assertEquals("--config needs a value", args.getMessage());
    }
}
