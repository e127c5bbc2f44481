package io.streamnlp.retrainer.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TriggerConfigTest {

    @Test
    void readsPropertiesOverDefaults() {
        Properties p = new Properties();
        p.setProperty(TriggerConfig.BOOTSTRAP_SERVERS, "kafka:9092");
        p.setProperty(TriggerConfig.SCHEMA_REGISTRY_URL, "http://registry:8080/apis/ccompat/v7");
        p.setProperty(TriggerConfig.CONSECUTIVE_WINDOWS, "2");
        p.setProperty(TriggerConfig.COOLDOWN, "30m");
        p.setProperty(TriggerConfig.REQUEST_TOPIC, "requests");
        p.setProperty("kafka.properties.security.protocol", "SSL");
        p.setProperty("kafka.properties.processing.guarantee", "at_least_once");

        TriggerConfig config = TriggerConfig.fromProperties(p);

        assertEquals(2, config.consecutiveWindows());
        assertEquals(Duration.ofMinutes(30), config.cooldown());
        assertEquals(50, config.minFeedback());
        assertEquals("requests", config.requestTopic());
        assertEquals("drift-metrics", config.driftTopic());
        assertEquals(
                StreamsConfig.EXACTLY_ONCE_V2,
                config.streamsProperties().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                "not overridable");
        assertEquals("SSL", config.streamsProperties().get("security.protocol"));
    }

    @Test
    void rejectsBadSettingsNamingTheKey() {
        Properties p = new Properties();
        p.setProperty(TriggerConfig.SCHEMA_REGISTRY_URL, "http://registry:8080");
        assertMessageNames(TriggerConfig.BOOTSTRAP_SERVERS, p);
        p.setProperty(TriggerConfig.BOOTSTRAP_SERVERS, "kafka:9092");
        p.setProperty(TriggerConfig.CONSECUTIVE_WINDOWS, "0");
        assertMessageNames(TriggerConfig.CONSECUTIVE_WINDOWS, p);
        p.setProperty(TriggerConfig.CONSECUTIVE_WINDOWS, "three");
        assertMessageNames(TriggerConfig.CONSECUTIVE_WINDOWS, p);
        p.setProperty(TriggerConfig.CONSECUTIVE_WINDOWS, "3");
        p.setProperty(TriggerConfig.COOLDOWN, "soon");
        assertMessageNames(TriggerConfig.COOLDOWN, p);
        p.setProperty(TriggerConfig.COOLDOWN, "1h");
        p.setProperty(TriggerConfig.MIN_FEEDBACK, "-1");
        assertMessageNames(TriggerConfig.MIN_FEEDBACK, p);
        p.setProperty(TriggerConfig.MIN_FEEDBACK, "5");
        p.setProperty(TriggerConfig.FEEDBACK_TOPIC, "drift-metrics");
        assertThrows(IllegalArgumentException.class, () -> TriggerConfig.fromProperties(p));
    }

    private static void assertMessageNames(String key, Properties p) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TriggerConfig.fromProperties(p));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
