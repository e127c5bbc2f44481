package io.streamnlp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {
    static final ConfigOption<Integer> SIZE =
            ConfigOptions.key("batch.max-size").intType().defaultValue(32);
    static final ConfigOption<Long> DELAY =
            ConfigOptions.key("batch.max-delay-ms").longType().defaultValue(50L);
    static final ConfigOption<String> INPUT =
            ConfigOptions.key("topics.input").stringType().defaultValue("text-events");
    static final ConfigOption<String> OUTPUT =
            ConfigOptions.key("topics.output").stringType().defaultValue("enriched-events");
    static final Options DECLARED = Options.of(SIZE, DELAY, INPUT, OUTPUT).plus(KafkaClientProperties.OPTION);

    @TempDir
    Path dir;

    @Test
    void filesThenEnvironmentThenArgumentsEachWinning() throws IOException {
        Path first = Files.writeString(
                dir.resolve("a.properties"), "batch.max-size=16\ntopics.input=from-a\ntopics.output=from-a\n");
        Path second = Files.writeString(dir.resolve("b.properties"), "topics.input=from-b\nbatch.max-delay-ms=5\n");
        Map<String, String> env = Map.of(
                "STREAMNLP_BATCH_MAX_DELAY_MS",
                "7",
                "STREAMNLP_TOPICS_OUTPUT",
                "from-env",
                "STREAMNLP_HOME",
                "/ignored",
                "STREAMNLP_KAFKA_PROPERTIES_ACKS",
                "ignored: pass-through is files and arguments only");

        Settings s = ConfigSources.fromArguments(
                DECLARED,
                env,
                "--batch.max-size",
                "8",
                "--config",
                first.toString(),
                "--config=" + second,
                "--topics.output=from-args",
                "--kafka.properties.acks",
                "all");

        assertEquals(8, s.get(SIZE), "an argument wins over every file, wherever it stands");
        assertEquals("from-b", s.get(INPUT), "a later file wins over an earlier one");
        assertEquals(7L, s.get(DELAY), "the environment wins over files");
        assertEquals("from-args", s.get(OUTPUT), "arguments win over the environment");
        assertEquals(Map.of("acks", "all"), s.withPrefix(KafkaClientProperties.OPTION));
    }

    @Test
    void malformedArgumentsAndMissingFilesFailClearly() {
        assertEquals(
                "--config needs a value",
                assertThrows(ConfigException.class, () -> ConfigSources.parse(List.of("--config")))
                        .getMessage());
        assertEquals(
                "expected --key value or --config FILE, got 'seed'",
                assertThrows(ConfigException.class, () -> ConfigSources.parse(List.of("seed", "3")))
                        .getMessage());
        ConfigException missing = assertThrows(
                ConfigException.class,
                () -> ConfigSources.fromArguments(
                        DECLARED,
                        Map.of(),
                        "--config",
                        dir.resolve("absent.properties").toString()));
        assertTrue(
                missing.getMessage().startsWith("cannot read configuration file " + dir.resolve("absent.properties")),
                missing.getMessage());
        assertThrows(
                UnknownKeysException.class,
                () -> ConfigSources.fromArguments(DECLARED, Map.of(), "--topic.input", "x"));
    }
}
