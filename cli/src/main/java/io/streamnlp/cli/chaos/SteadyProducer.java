package io.streamnlp.cli.chaos;

import io.streamnlp.cli.cluster.ProductTopics;
import io.streamnlp.cli.demo.TicketTraffic;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.registry.RegistryUnavailableException;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces {@code events} support tickets with unique ids ({@code chaos-1} ...) at a fixed rate, keyed by
 * id. Idempotent with {@code acks=all} and a delivery timeout that outlasts a broker's death, so the input
 * itself holds each id once; only acknowledged ids are expected in the output.
 */
final class SteadyProducer implements Runnable {
    private static final long SEED = 14;
    private static final Duration REGISTRY_PATIENCE = Duration.ofMinutes(2);

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final int events;
    private final int ratePerSecond;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong failed = new AtomicLong();
    private volatile long firstSendMillis;

    SteadyProducer(String bootstrapServers, String schemaRegistryUrl, int events, int ratePerSecond) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.events = events;
        this.ratePerSecond = ratePerSecond;
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    long failed() {
        return failed.get();
    }

    long firstSendMillis() {
        return firstSendMillis;
    }

    /**
     * The event in wire format; while the schema registry does not answer (stalled, or slow on a busy
     * machine) the serializer cannot look up the schema id, so this retries for up to {@link #REGISTRY_PATIENCE}.
     */
    private static byte[] serialize(AvroSerializer<TextEvent> serializer, TextEvent event) {
        long deadline = System.nanoTime() + REGISTRY_PATIENCE.toNanos();
        while (true) {
            try {
                return serializer.serialize(ProductTopics.INPUT, event);
            } catch (RegistryUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    @Override
    public void run() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "streamnlp-chaos-producer");
        TicketTraffic traffic = new TicketTraffic(SEED);
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                AvroSerializer<TextEvent> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of("schema.registry.url", schemaRegistryUrl), false);
            long intervalNanos = 1_000_000_000L / ratePerSecond;
            long next = System.nanoTime();
            firstSendMillis = System.currentTimeMillis();
            for (int n = 1; n <= events; n++) {
                String id = "chaos-" + n;
                TextEvent event = TextEvent.newBuilder()
                        .setId(id)
                        .setTenant("acme")
                        .setSource("chaos")
                        .setText(traffic.next(false).text())
                        .setCreatedAt(Instant.now())
                        .setAttributes(Map.of())
                        .build();
                producer.send(
                        new ProducerRecord<>(ProductTopics.INPUT, id, serialize(serializer, event)),
                        (metadata, error) -> {
                            if (error == null) {
                                acknowledged.add(id);
                            } else {
                                failed.incrementAndGet();
                            }
                        });
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            producer.flush();
        }
    }
}
