package io.streamnlp.cli.registry;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.config.KafkaClientProperties;
import io.streamnlp.config.Options;
import io.streamnlp.config.Settings;
import io.streamnlp.config.UnknownKeysException;
import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private static final Options OPTIONS = CommonOptions.CLIENTS;

    EventClientSettings {
        clientConfig = Map.copyOf(clientConfig);
    }

    /**
     * @param files read in order, a later file's value winning
     * @throws IllegalArgumentException naming an unreadable file or the unknown keys
     */
    static EventClientSettings read(List<Path> files) {
        Settings settings;
        try {
            settings = new Settings(OPTIONS, ConfigSources.readFiles(files));
        } catch (UnknownKeysException e) {
            throw new IllegalArgumentException("unknown key(s) in --kafka-config: " + String.join(", ", e.keys()), e);
        }
        Map<String, Object> config = new HashMap<>(settings.withPrefix(KafkaClientProperties.OPTION));
        config.putAll(SchemaRegistryConfig.clientSettings(
                null,
                settings.get(CommonOptions.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO),
                settings.get(CommonOptions.SCHEMA_REGISTRY_BEARER_TOKEN)));
        return new EventClientSettings(
                settings.getOptional(CommonOptions.KAFKA_BOOTSTRAP_SERVERS).orElse(null),
                settings.getOptional(CommonOptions.SCHEMA_REGISTRY_URL).orElse(null),
                config);
    }
}
