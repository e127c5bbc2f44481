package io.streamnlp.cli.registry;

import io.streamnlp.registry.events.ModelEventPublisher;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where a local registry publishes its model events; no options, no events. */
final class EventOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT",
            description = "Publish model events to this Kafka cluster (needs --schema-registry).")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Confluent-compatible schema registry for the event encoding, e.g. http://localhost:8081/apis/ccompat/v7.")
    String schemaRegistryUrl;

    @Option(names = "--events-topic", paramLabel = "TOPIC", defaultValue = ModelEventPublisher.DEFAULT_TOPIC,
            description = "Compacted topic for model events (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Registry URL that events quote so that consumers can fetch versions.")
    String publicUrl;

    boolean enabled() {
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new ParameterException(spec.commandLine(), "--kafka-bootstrap and --schema-registry go together");
        }
        return bootstrapServers != null;
    }

    ModelEventPublisher open() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("schema.registry.url", schemaRegistryUrl);
        try {
            return ModelEventPublisher.create(config, topic, publicUrl);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
