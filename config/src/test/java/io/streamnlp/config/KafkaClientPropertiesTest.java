package io.streamnlp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    @Test
    void ownedSettingsAreRefusedNamingThePassThroughKey() {
        Map<String, String> owned = Map.of("isolation.level", "the source reads read_committed");
        ConfigException e = assertThrows(ConfigException.class,
                () -> KafkaClientProperties.refuseOwned(Map.of("isolation.level", "read_uncommitted"), owned));
        assertEquals("kafka.properties.isolation.level cannot be set: the source reads read_committed", e.getMessage());
        assertEquals(Map.of("acks", "all"), KafkaClientProperties.refuseOwned(Map.of("acks", "all"), owned));
    }

    @Test
    void thePassThroughWinsOverTheProductsSettings() {
        Map<String, String> merged = KafkaClientProperties.overlay("the source",
                Map.of("client.id.prefix", "job-source", "group.id", "job"), Map.of("client.id.prefix", "mine", "acks", "all"));
        assertEquals(Map.of("client.id.prefix", "mine", "group.id", "job", "acks", "all"), merged);
    }
}
