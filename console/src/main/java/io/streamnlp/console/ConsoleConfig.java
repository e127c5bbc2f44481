package io.streamnlp.console;

import io.streamnlp.config.CommonOptions;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.KafkaClientProperties;
import io.streamnlp.config.Settings;
import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Validated settings of the console ({@link ConsoleOptions}).
 *
 * @param token the bearer token that state-changing requests must present, or null: then they are refused
 * @param kafka settings every Kafka client of the console starts from (brokers and the pass-through)
 * @param serde the schema registry settings of the Avro serde
 * @param recentRecords records per topic read back at start and kept
 * @param annotator the annotator of feedback whose reviewer gave no name
 */
public record ConsoleConfig(
        InetSocketAddress bind,
        String token,
        Map<String, Object> kafka,
        Map<String, String> serde,
        ConsoleTopics topics,
        int recentRecords,
        String annotator) {

    public ConsoleConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(topics, "topics");
        kafka = Map.copyOf(kafka);
        serde = Map.copyOf(serde);
        if (token == null && !bind.getAddress().isLoopbackAddress()) {
            throw new ConfigException("the console binds " + bind.getAddress().getHostAddress()
                    + " without a token: set console.token-file or STREAMNLP_CONSOLE_TOKEN, or bind a loopback"
                    + " address");
        }
        if (recentRecords < 1) {
            throw new IllegalArgumentException("recentRecords must be positive, got " + recentRecords);
        }
    }

    public static ConsoleConfig of(Settings settings, Map<String, String> environment) {
        Map<String, Object> kafka = new HashMap<>(settings.withPrefix(KafkaClientProperties.OPTION));
        kafka.put("bootstrap.servers", settings.get(CommonOptions.KAFKA_BOOTSTRAP_SERVERS));
        return new ConsoleConfig(
                new InetSocketAddress(address(settings.get(ConsoleOptions.BIND)), settings.get(ConsoleOptions.PORT)),
                token(settings.get(ConsoleOptions.TOKEN_FILE), environment),
                kafka,
                SchemaRegistryConfig.clientSettings(
                        settings.get(CommonOptions.SCHEMA_REGISTRY_URL),
                        settings.get(CommonOptions.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO),
                        settings.get(CommonOptions.SCHEMA_REGISTRY_BEARER_TOKEN)),
                new ConsoleTopics(
                        settings.get(ConsoleOptions.ENRICHED_TOPIC),
                        settings.get(ConsoleOptions.DEAD_LETTER_TOPIC),
                        settings.get(ConsoleOptions.DRIFT_TOPIC),
                        settings.get(ConsoleOptions.STATS_TOPIC),
                        settings.get(ConsoleOptions.REVIEW_TOPIC),
                        settings.get(ConsoleOptions.FEEDBACK_TOPIC),
                        settings.get(ConsoleOptions.RETRAIN_REQUEST_TOPIC)),
                settings.get(ConsoleOptions.RECENT_RECORDS),
                settings.get(ConsoleOptions.ANNOTATOR));
    }

    /** On loopback with the product's topics, for an embedded stack such as the demo's. */
    public static ConsoleConfig local(
            int port, String token, String bootstrapServers, String schemaRegistryUrl, ConsoleTopics topics) {
        return new ConsoleConfig(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                token,
                Map.of("bootstrap.servers", bootstrapServers),
                SchemaRegistryConfig.clientSettings(schemaRegistryUrl, null, null),
                topics,
                ConsoleOptions.RECENT_RECORDS.defaultValue(),
                ConsoleOptions.ANNOTATOR.defaultValue());
    }

    /** Whether promote, roll back and feedback are open (to holders of the token). */
    public boolean writable() {
        return token != null;
    }

    private static String token(Path file, Map<String, String> environment) {
        if (file != null) {
            try {
                String token = Files.readString(file).strip();
                if (token.isEmpty()) {
                    throw new ConfigException(ConsoleOptions.TOKEN_FILE.key() + ": " + file + " is empty");
                }
                return token;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the token file " + file, e);
            }
        }
        String token = environment.get("STREAMNLP_CONSOLE_TOKEN");
        return token == null || token.isBlank() ? null : token.strip();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException(ConsoleOptions.BIND.key() + ": unknown host " + host);
        }
    }
}
