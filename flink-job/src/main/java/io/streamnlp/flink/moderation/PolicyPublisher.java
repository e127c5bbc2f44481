package io.streamnlp.flink.moderation;

import io.streamnlp.moderation.ModerationPolicy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts a policy document on the policies topic, keyed by its name, after validating it: a document the job would
 * refuse is refused here, where its author sees why.
 */
public final class PolicyPublisher {
    private PolicyPublisher() {}

    /**
     * @param producerConfig Kafka producer settings (bootstrap servers, security)
     * @return the policy published and where it landed
     * @throws io.streamnlp.moderation.InvalidPolicyException when the document is invalid; nothing is sent
     */
    public static Published publish(Map<String, Object> producerConfig, String topic, String document)
            throws InterruptedException, ExecutionException {
        ModerationPolicy policy = ModerationPolicy.parse(document);
        Map<String, Object> cfg = new HashMap<>(producerConfig);
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer())) {
            RecordMetadata at = producer.send(new ProducerRecord<>(
                            topic,
                            policy.name().getBytes(StandardCharsets.UTF_8),
                            document.getBytes(StandardCharsets.UTF_8)))
                    .get();
            return new Published(policy, at.partition(), at.offset());
        }
    }

    /** A published policy and its record's partition and offset. */
    public record Published(ModerationPolicy policy, int partition, long offset) {}
}
