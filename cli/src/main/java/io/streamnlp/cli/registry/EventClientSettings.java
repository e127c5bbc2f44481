package io.streamnlp.cli.registry;

import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The model-event producer's settings from properties files in the keys the enrichment job and the
 * retrainer read, so that one rendered credentials file serves all three and no secret goes on a
 * command line: {@code kafka.bootstrap.servers}, {@code kafka.properties.*} (SASL, TLS, ...),
 * {@code registry.url}, {@code registry.basic-auth-user-info}, {@code registry.bearer-token}.
 * {@code model.registry.*} keys describe this registry to its clients and are ignored; any other key is
 * refused.
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers}, or null
 * @param schemaRegistryUrl {@code registry.url}, or null
 * @param clientConfig the producer's and serde's further settings
 */
record EventClientSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, Object> clientConfig) {

    private static final String CLIENT_PREFIX = "kafka.properties.";

    EventClientSettings {
        clientConfig = Map.copyOf(clientConfig);
    }

    /**
     * @param files read in order, a later file's value winning
     * @throws IllegalArgumentException naming an unreadable file or the unknown keys
     */
    static EventClientSettings read(List<Path> files) {
        Properties merged = new Properties();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file)) {
                merged.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        String bootstrap = null;
        String registry = null;
        String basicAuthUserInfo = null;
        String bearerToken = null;
        Map<String, Object> config = new HashMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : merged.stringPropertyNames()) {
            String value = merged.getProperty(key).trim();
            switch (key) {
                case "kafka.bootstrap.servers" -> bootstrap = value;
                case "registry.url" -> registry = value;
                case "registry.basic-auth-user-info" -> basicAuthUserInfo = value;
                case "registry.bearer-token" -> bearerToken = value;
                default -> {
                    if (key.startsWith(CLIENT_PREFIX) && key.length() > CLIENT_PREFIX.length()) {
                        config.put(key.substring(CLIENT_PREFIX.length()), value);
                    } else if (!key.startsWith("model.registry.")) {
                        unknown.add(key);
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) in --kafka-config: " + String.join(", ", unknown));
        }
        config.putAll(SchemaRegistryConfig.clientSettings(null, basicAuthUserInfo, bearerToken));
        return new EventClientSettings(bootstrap, registry, config);
    }
}
