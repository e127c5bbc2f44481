package io.streamnlp.cli.demo;

import io.streamnlp.console.FeedbackWriter;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces tickets at a fixed rate, a malformed record now and then (so the dead-letter path is
 * visible), and the category an agent would give a share of the tickets as feedback.
 */
final class TrafficProducer implements Runnable, AutoCloseable {
    private static final double FEEDBACK_SHARE = 0.4;
    private static final int MALFORMED_EVERY = 200;

    private final TicketTraffic traffic = new TicketTraffic(7);
    private final Random random = new Random(11);
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer<TextEvent> events = new AvroSerializer<>();
    /** The console's path for labels: the simulated agents label as a person in the Review page does. */
    private final FeedbackWriter feedback;

    private final int ratePerSecond;
    private final BooleanSupplier drifting;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong produced = new AtomicLong();
    /** The category an agent gives each ticket still on its way through the job, to score the model live. */
    private final Map<String, String> categories = new ConcurrentHashMap<>();

    TrafficProducer(String bootstrapServers, String schemaRegistryUrl, int ratePerSecond, BooleanSupplier drifting) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cfg.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        cfg.put(ProducerConfig.CLIENT_ID_CONFIG, "streamnlp-demo-traffic");
        this.producer = new KafkaProducer<>(cfg, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> serde = Map.of("schema.registry.url", schemaRegistryUrl);
        events.configure(serde, false);
        this.feedback = new FeedbackWriter(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), serde, DemoTopics.FEEDBACK);
        this.ratePerSecond = ratePerSecond;
        this.drifting = drifting;
    }

    long produced() {
        return produced.get();
    }

    /** The agent's category of a ticket, once: the entry is dropped so the map only holds tickets in flight. */
    String takeCategory(String ticketId) {
        return categories.remove(ticketId);
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        long intervalNanos = 1_000_000_000L / ratePerSecond;
        long next = System.nanoTime();
        while (running.get()) {
            long n = produced.incrementAndGet();
            String id = "ticket-" + n;
            if (n % MALFORMED_EVERY == 0) {
                producer.send(new ProducerRecord<>(
                        DemoTopics.TEXT_EVENTS, id, ("not avro: " + id).getBytes(StandardCharsets.UTF_8)));
            } else {
                TicketTraffic.Ticket t = traffic.next(drifting.getAsBoolean());
                categories.put(id, t.category());
                Instant now = Instant.now();
                TextEvent e = TextEvent.newBuilder()
                        .setId(id)
                        .setTenant("acme")
                        .setSource("email")
                        .setText(t.text())
                        .setCreatedAt(now)
                        .setAttributes(Map.of())
                        .build();
                producer.send(
                        new ProducerRecord<>(DemoTopics.TEXT_EVENTS, id, events.serialize(DemoTopics.TEXT_EVENTS, e)));
                if (random.nextDouble() < FEEDBACK_SHARE) {
                    Feedback f = Feedback.newBuilder()
                            .setEventId(id)
                            .setText(t.text())
                            .setTask("category")
                            .setLabel(t.category())
                            .setAnnotator("agent-simulator")
                            .setCreatedAt(now)
                            .build();
                    feedback.send(f);
                }
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
        producer.flush();
    }

    @Override
    public void close() {
        stop();
        producer.close();
        events.close();
        feedback.close();
    }
}
