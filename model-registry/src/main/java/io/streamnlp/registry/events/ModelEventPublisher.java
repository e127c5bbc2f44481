package io.streamnlp.registry.events;

import io.streamnlp.registry.ModelEventListener;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelSummary;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistryEvent;
import io.streamnlp.registry.RegistryException;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.ModelEventType;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes registry changes as Avro {@link ModelEvent}s (Confluent wire format) to the compacted
 * {@code model-events} topic. Keys keep one record per alias and one per version after compaction:
 * {@code NAME@ALIAS} for alias events, {@code NAME:VERSION} for version events. A removed alias is
 * an {@code ALIAS_REMOVED} record, not a tombstone, so that a consumer starting from the beginning
 * still learns it is gone.
 *
 * <p>Each send waits for the broker's acknowledgement, so a command that changes the registry
 * returns only once its event is durable; a failure is thrown to the store, which logs it (the
 * change itself stands). {@link #publishSnapshot} republishes the whole state, which repairs the
 * topic after lost events and seeds a new one.
 */
public final class ModelEventPublisher implements ModelEventListener, AutoCloseable {

    public static final String DEFAULT_TOPIC = "model-events";

    private static final Logger LOG = LoggerFactory.getLogger(ModelEventPublisher.class);

    private final Producer<String, ModelEvent> producer;
    private final String topic;
    private final String registryUrl;
    private final Duration sendTimeout;

    /**
     * @param registryUrl where consumers fetch versions from (the HTTP API's base URL), or null for a shared directory
     */
    public ModelEventPublisher(
            Producer<String, ModelEvent> producer, String topic, String registryUrl, Duration sendTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = requireTopic(topic);
        this.registryUrl = registryUrl;
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    /**
     * A publisher with its own idempotent producer.
     *
     * @param clientConfig Kafka producer settings plus the serde's ({@code bootstrap.servers},
     *     {@code schema.registry.url}, optionally security settings)
     */
    public static ModelEventPublisher create(Map<String, ?> clientConfig, String topic, String registryUrl) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "streamnlp-model-registry");
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        if (!config.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("model events need schema.registry.url for the Avro serializer");
        }
        AvroSerializer<ModelEvent> values = new AvroSerializer<>();
        values.configure(config, false);
        KafkaProducer<String, ModelEvent> producer = new KafkaProducer<>(config, new StringSerializer(), values);
        return new ModelEventPublisher(producer, topic, registryUrl, Duration.ofSeconds(35));
    }

    public String topic() {
        return topic;
    }

    /** The record key of an event: {@code NAME@ALIAS} for alias events, {@code NAME:VERSION} for version events. */
    public static String keyOf(ModelEvent event) {
        return switch (event.getType()) {
            case ALIAS_SET, ALIAS_REMOVED -> event.getModelName() + "@" + event.getAlias();
            case VERSION_REGISTERED, VERSION_ARCHIVED -> event.getModelName() + ":" + event.getVersion();
            case UNKNOWN -> throw new IllegalArgumentException("an UNKNOWN model event has no key");
        };
    }

    /** The Avro form of a registry change. */
    public ModelEvent toAvro(RegistryEvent event) {
        return ModelEvent.newBuilder()
                .setType(event.type())
                .setModelName(event.modelName())
                .setVersion(text(event.version()))
                .setAlias(event.alias())
                .setPreviousVersion(text(event.previousVersion()))
                .setDigest(event.digest())
                .setTasks(List.copyOf(event.tasks()))
                .setRegistryUrl(registryUrl)
                .setAt(event.at())
                .build();
    }

    @Override
    public void onEvent(RegistryEvent event) {
        send(toAvro(event));
    }

    /**
     * Publishes the current state of every model: each version as registered or archived, each
     * alias as set. Compaction keeps the last record per key, so repeating this is harmless.
     *
     * @return the number of events sent
     */
    public int publishSnapshot(ModelStore store) {
        int sent = 0;
        Instant now = Instant.now();
        for (ModelSummary model : store.list()) {
            Map<Integer, ModelVersion> byNumber = new HashMap<>();
            for (ModelVersion version : store.versions(model.name())) {
                byNumber.put(version.version(), version);
                ModelEventType type =
                        version.archived() ? ModelEventType.VERSION_ARCHIVED : ModelEventType.VERSION_REGISTERED;
                send(toAvro(new RegistryEvent(
                        type,
                        model.name(),
                        version.version(),
                        null,
                        null,
                        version.digest(),
                        version.manifest().tasks(),
                        version.manifest().createdAt())));
                sent++;
            }
            for (Map.Entry<String, Integer> alias : model.aliases().entrySet()) {
                ModelVersion target = byNumber.get(alias.getValue());
                send(toAvro(new RegistryEvent(
                        ModelEventType.ALIAS_SET,
                        model.name(),
                        alias.getValue(),
                        alias.getKey(),
                        null,
                        target == null ? null : target.digest(),
                        target == null ? List.of() : target.manifest().tasks(),
                        now)));
                sent++;
            }
        }
        return sent;
    }

    private void send(ModelEvent event) {
        String key = keyOf(event);
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, key, event))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug(
                    "published {} {} to {}-{}@{}",
                    event.getType(),
                    key,
                    metadata.topic(),
                    metadata.partition(),
                    metadata.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while publishing model event " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RegistryException(
                    "model event " + event.getType() + " " + key + " not published to " + topic + ": "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }

    private static String requireTopic(String topic) {
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("invalid Kafka topic name '" + topic + "'");
        }
        return topic;
    }
}
