package io.streamnlp.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheJobsKeysFromRenderedFilesLaterFilesWinning() throws IOException {
        Path shared = Files.writeString(
                dir.resolve("kafka.properties"),
                String.join(
                        "\n",
                        "kafka.bootstrap.servers=kafka:9093",
                        "kafka.properties.security.protocol=SASL_SSL",
                        "kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                        "registry.url=http://sr:8081",
                        "model.registry.url=http://registry:8090"));
        Path secrets = Files.writeString(
                dir.resolve("secrets.properties"),
                String.join(
                        "\n",
                        "kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        "registry.basic-auth-user-info=user:secret",
                        "model.registry.token=t",
                        "kafka.properties.sasl.mechanism=SCRAM-SHA-256"));

        EventClientSettings settings = EventClientSettings.read(List.of(shared, secrets));

        assertEquals("kafka:9093", settings.bootstrapServers());
        assertEquals("http://sr:8081", settings.schemaRegistryUrl());
        assertEquals(
                Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-256",
                        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        "basic.auth.credentials.source", "USER_INFO",
                        "basic.auth.user.info", "user:secret"),
                settings.clientConfig());
    }

    @Test
    void noFilesNoSettingsAndUnknownKeysAreRefused() throws IOException {
        EventClientSettings none = EventClientSettings.read(List.of());
        assertNull(none.bootstrapServers());
        assertEquals(Map.of(), none.clientConfig());

        Path typo = Files.writeString(dir.resolve("typo.properties"), "kafka.bootstrap.server=kafka:9092\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EventClientSettings.read(List.of(typo)));
        assertEquals("unknown key(s) in --kafka-config: kafka.bootstrap.server", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventClientSettings.read(List.of(dir.resolve("absent"))));
    }
}
