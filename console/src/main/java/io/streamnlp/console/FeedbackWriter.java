package io.streamnlp.console;

import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes human labels as Avro {@link Feedback} (Confluent wire format, schema from the registry) to the feedback
 * topic the retrainer consumes, keyed by event id. The one path for labels: the Review page's and the demo's
 * simulated agents'.
 */
public final class FeedbackWriter implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer<Feedback> serializer = new AvroSerializer<>();
    private final String topic;

    /**
     * @param kafka settings of the producer: at least {@code bootstrap.servers}
     * @param serde the schema registry settings ({@code schema.registry.url}, ...)
     */
    public FeedbackWriter(Map<String, ?> kafka, Map<String, ?> serde, String topic) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.putIfAbsent(
                ProducerConfig.CLIENT_ID_CONFIG,
                "streamnlp-feedback-" + ProcessHandle.current().pid());
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        this.serializer.configure(serde, false);
        this.topic = topic;
    }

    /** Sends without waiting; the record is on its way once this returns. */
    public Future<RecordMetadata> send(Feedback feedback) {
        String key = feedback.getEventId();
        return producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, feedback)));
    }

    /** Sends and waits until the broker has it. */
    public RecordMetadata write(Feedback feedback, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return send(feedback).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
