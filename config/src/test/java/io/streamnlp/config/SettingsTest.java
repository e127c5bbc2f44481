package io.streamnlp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
    enum Mode {
        READ_COMMITTED,
        LATEST
    }

    static final ConfigOption<Integer> SIZE =
            ConfigOptions.key("batch.max-size").intType().defaultValue(32).between(1, 4096);
    static final ConfigOption<Double> SHARE =
            ConfigOptions.key("holdout").doubleType().defaultValue(0.2).between(0.0, 1.0);
    static final ConfigOption<Duration> POLL = ConfigOptions.key("model.poll-interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .between(Duration.ofMillis(100), Duration.ofDays(1));
    static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("kafka.bounded").booleanType().defaultValue(false);
    static final ConfigOption<Mode> MODE =
            ConfigOptions.key("mode").enumType(Mode.class).defaultValue(Mode.LATEST);
    static final ConfigOption<String> TOKEN =
            ConfigOptions.key("token").stringType().noDefaultValue();
    static final Options DECLARED =
            Options.of(SIZE, SHARE, POLL, BOUNDED, MODE, TOKEN).plus(KafkaClientProperties.OPTION);

    @Test
    void typedValuesOverDefaults() {
        Settings s = new Settings(
                DECLARED,
                Map.of(
                        "batch.max-size",
                        " 8 ",
                        "model.poll-interval",
                        "500ms",
                        "kafka.bounded",
                        "TRUE",
                        "mode",
                        "read-committed",
                        "token",
                        "  ",
                        "kafka.properties.security.protocol",
                        "SSL"));
        assertEquals(8, s.get(SIZE));
        assertEquals(0.2, s.get(SHARE));
        assertEquals(Duration.ofMillis(500), s.get(POLL));
        assertEquals(true, s.get(BOUNDED));
        assertEquals(Mode.READ_COMMITTED, s.get(MODE));
        assertNull(s.get(TOKEN), "a blank value is unset");
        assertEquals(Optional.empty(), s.getOptional(SHARE));
        assertEquals(Map.of("security.protocol", "SSL"), s.withPrefix(KafkaClientProperties.OPTION));
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertMessage("batch.max-size must be an integer, got 'lots'", SIZE, "lots");
        assertMessage("batch.max-size must be in [1, 4096], got 0", SIZE, "0");
        assertMessage("holdout must be in [0.0, 1.0], got 1.5", SHARE, "1.5");
        assertMessage("holdout must be a number, got 'half'", SHARE, "half");
        assertMessage("model.poll-interval must be a duration like PT1H or 30m, got 'often'", POLL, "often");
        assertMessage("model.poll-interval must be in [100ms, 1d], got 1ms", POLL, "1ms");
        assertMessage("kafka.bounded must be true or false, got 'yes'", BOUNDED, "yes");
        assertMessage("mode must be one of read-committed, latest, got 'earliest'", MODE, "earliest");
    }

    @Test
    void undeclaredKeysAreRefusedAllAtOnce() {
        UnknownKeysException e = assertThrows(
                UnknownKeysException.class,
                () -> new Settings(DECLARED, Map.of("batch.max-sise", "8", "kafka.properties.", "x", "token", "t")));
        assertEquals("unknown configuration key(s) batch.max-sise, kafka.properties.", e.getMessage());
        assertEquals(Set.of("batch.max-sise", "kafka.properties."), e.keys());
    }

    @Test
    void readingAnUndeclaredOptionIsAProgrammingError() {
        ConfigOption<String> stray = ConfigOptions.key("stray").stringType().defaultValue("x");
        assertThrows(IllegalStateException.class, () -> new Settings(DECLARED, Map.of()).get(stray));
    }

    @Test
    void environmentVariableNames() {
        assertEquals("STREAMNLP_BATCH_MAX_SIZE", SIZE.environmentVariable());
        assertEquals("STREAMNLP_MODEL_POLL_INTERVAL", POLL.environmentVariable());
        assertEquals("1m", POLL.documentedDefault());
        assertEquals("", TOKEN.documentedDefault());
    }

    private static void assertMessage(String expected, ConfigOption<?> option, String value) {
        ConfigException e = assertThrows(
                ConfigException.class, () -> new Settings(DECLARED, Map.of(option.key(), value)).get(option));
        assertEquals(expected, e.getMessage());
    }
}
