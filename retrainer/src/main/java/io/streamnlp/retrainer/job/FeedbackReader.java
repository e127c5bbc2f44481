package io.streamnlp.retrainer.job;

import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole feedback topic, from the beginning up to the end offsets it has when the read
 * starts (records arriving meanwhile wait for the next request). Only committed records are read;
 * a record that cannot be decoded is skipped and counted, never a reason to stop.
 */
public final class FeedbackReader {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> clientConfig;
    private final String topic;
    private final String defaultModel;
    private final Duration timeout;

    /** @param defaultModel the model that feedback without a model reference is for */
    public FeedbackReader(Map<String, Object> clientConfig, String topic, String defaultModel, Duration timeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.topic = topic;
        this.defaultModel = defaultModel;
        this.timeout = timeout;
    }

    public static FeedbackReader of(RetrainingConfig config) {
        return new FeedbackReader(
                config.kafka().clientConfig(),
                config.topics().feedback(),
                config.training().defaultModel(),
                config.delivery().feedbackReadTimeout());
    }

    /** The labels of a model's task, one per event, oldest first. */
    public List<FeedbackExample> read(String model, String task) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "streamnlp-retrainer-feedback");
        AvroDeserializer<Feedback> values = new AvroDeserializer<>(Feedback.class);
        values.configure(config, false);
        LabelledFeedback labels = new LabelledFeedback(model, task, defaultModel);
        long undecodable = 0;
        try (KafkaConsumer<byte[], Feedback> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), values)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("feedback topic '" + topic + "' does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "feedback topic '" + topic + "' not read up to " + end + " within " + timeout);
                }
                try {
                    for (ConsumerRecord<byte[], Feedback> record : consumer.poll(POLL)) {
                        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() < end.get(tp) && record.value() != null) {
                            labels.offer(record.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    undecodable++;
                    LOG.warn(
                            "skipping undecodable feedback at {}@{}: {}",
                            e.topicPartition(),
                            e.offset(),
                            e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        List<FeedbackExample> examples = labels.oldestFirst();
        LOG.info(
                "feedback for {}/{}: {} labelled events ({} other records, {} undecodable)",
                model,
                task,
                examples.size(),
                labels.ignored(),
                undecodable);
        return examples;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
