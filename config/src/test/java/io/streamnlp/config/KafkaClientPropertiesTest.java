package io.streamnlp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    @Test
    void ownedSettingsAreRefusedNamingThePassThroughKey() {
        Map<String, String> owned = Map.of("isolation.level", "the source reads read_committed");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> KafkaClientProperties.refuseOwned(Map.of("isolation.level", "read_uncommitted"), owned));
        assertEquals("kafka.properties.isolation.level cannot be set: the source reads read_committed", e.getMessage());
        assertEquals(Map.of("acks", "all"), KafkaClientProperties.refuseOwned(Map.of("acks", "all"), owned));
    }

    @Test
    void thePassThroughWinsOverTheProductsSettingsWithAWarning() {
        List<String> warnings = new ArrayList<>();
        Appender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel() == Level.WARN) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        String name = KafkaClientProperties.class.getName();
        Configurator.setLevel(name, Level.WARN);
        LoggerContext context = LoggerContext.getContext(false);
        LoggerConfig logger = context.getConfiguration().getLoggerConfig(name);
        logger.addAppender(capture, Level.WARN, null);
        context.updateLoggers();
        Map<String, String> merged;
        try {
            merged = KafkaClientProperties.overlay(
                    "the source",
                    Map.of("client.id.prefix", "job-source", "group.id", "job"),
                    Map.of("client.id.prefix", "mine", "group.id", "job", "acks", "all"));
        } finally {
            logger.removeAppender(capture.getName());
            context.updateLoggers();
        }
        assertEquals(Map.of("client.id.prefix", "mine", "group.id", "job", "acks", "all"), merged);
        assertEquals(
                List.of(
                        "kafka.properties.client.id.prefix=mine overrides client.id.prefix=job-source that StreamNLP sets"
                                + " for the source"),
                warnings,
                "a setting repeated with the same value changes nothing and is not reported");
    }
}
