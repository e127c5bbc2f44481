package io.streamnlp.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamnlp.retrainer.job.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrainerConfigTest {

    @Test
    void theTriggerSharesTheBrokerRegistryAndTopicsOfTheJob() {
        RetrainerConfig config = RetrainerConfig.of(Map.of(
                "kafka.bootstrap.servers", "kafka:19092",
                "registry.url", "http://schema-registry:8081",
                "model.registry.dir", "/data/registry",
                "topics.feedback", "labels",
                "topics.retrain-requests", "retrains",
                "topics.drift-metrics", "drift",
                "trigger.cooldown", "30m",
                "trigger.consecutive-windows", "2",
                "trigger.state-dir", "/data/streams"));
        assertEquals("kafka:19092", config.trigger().bootstrapServers());
        assertEquals("http://schema-registry:8081", config.trigger().schemaRegistryUrl());
        assertEquals("labels", config.trigger().feedbackTopic());
        assertEquals("retrains", config.trigger().requestTopic());
        assertEquals("retrains", config.retraining().topics().retrainRequests());
        assertEquals("drift", config.trigger().driftTopic());
        assertEquals(Duration.ofMinutes(30), config.trigger().cooldown());
        assertEquals(2, config.trigger().consecutiveWindows());
        assertEquals(Path.of("/data/streams"), config.trigger().stateDir());
    }

    @Test
    void badTriggerValuesAndUnknownKeysAreRefused() {
        InvalidConfigException cooldown = assertThrows(InvalidConfigException.class,
                () -> RetrainerConfig.of(Map.of("model.registry.dir", "/r", "trigger.cooldown", "soon")));
        assertEquals("trigger: trigger.cooldown must be a duration like PT1H or 30m, got 'soon'", cooldown.getMessage());
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> RetrainerConfig.of(Map.of("model.registry.dir", "/r", "trigger.windows", "3")));
        assertEquals("unknown configuration key(s) trigger.windows", unknown.getMessage());
        InvalidConfigException args = assertThrows(InvalidConfigException.class,
                () -> RetrainerConfig.fromArgs("--config"));
        assertEquals("--config needs a value", args.getMessage());
    }
}
