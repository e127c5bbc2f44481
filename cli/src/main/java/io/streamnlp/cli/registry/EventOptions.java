package io.streamnlp.cli.registry;

import io.streamnlp.registry.events.ModelEventPublisher;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a local registry publishes its model events; no options, no events. The broker's and schema
 * registry's credentials come from {@code --kafka-config} files ({@link EventClientSettings}).
 */
final class EventOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "HOST:PORT",
            description = "Publish model events to this Kafka cluster (needs --schema-registry).")
    String bootstrapServers;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            description =
                    "Confluent-compatible schema registry for the event encoding, e.g. http://localhost:8081/apis/ccompat/v7.")
    String schemaRegistryUrl;

    @Option(
            names = "--events-topic",
            paramLabel = "TOPIC",
            defaultValue = ModelEventPublisher.DEFAULT_TOPIC,
            description = "Compacted topic for model events (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description = "Properties file (repeatable, later files win) in the job's keys: kafka.bootstrap.servers,"
                    + " kafka.properties.* (SASL, TLS), registry.url, registry.basic-auth-user-info, registry.bearer-token."
                    + " --kafka-bootstrap and --schema-registry win over it.")
    List<Path> configFiles = List.of();

    private EventClientSettings fromFiles;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "Registry URL that events quote so that consumers can fetch versions.")
    String publicUrl;

    boolean enabled() {
        EventClientSettings files = settings();
        boolean bootstrap = bootstrapServers != null || files.bootstrapServers() != null;
        boolean registry = schemaRegistryUrl != null || files.schemaRegistryUrl() != null;
        if (bootstrap != registry) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--kafka-bootstrap and --schema-registry go together"
                            + " (or kafka.bootstrap.servers and registry.url in --kafka-config)");
        }
        return bootstrap;
    }

    ModelEventPublisher open() {
        EventClientSettings files = settings();
        Map<String, Object> config = new HashMap<>(files.clientConfig());
        config.put("bootstrap.servers", bootstrapServers != null ? bootstrapServers : files.bootstrapServers());
        config.put("schema.registry.url", schemaRegistryUrl != null ? schemaRegistryUrl : files.schemaRegistryUrl());
        try {
            return ModelEventPublisher.create(config, topic, publicUrl);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The {@code --kafka-config} files, read once for both {@link #enabled} and {@link #open}. */
    private EventClientSettings settings() {
        if (fromFiles == null) {
            try {
                fromFiles = EventClientSettings.read(configFiles);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        return fromFiles;
    }
}
