package io.streamnlp.flink.moderation;

import io.streamnlp.config.KafkaClientProperties;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.moderation.PolicyFollower;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the policies topic to its end, once, when the job is built: the document found decides from the first record
 * on, instead of racing the policy stream. Versions are applied as {@link PolicyFollower} does, so the newest valid
 * version wins.
 */
public final class CurrentPolicyReader {
    private static final Logger LOG = LoggerFactory.getLogger(CurrentPolicyReader.class);

    private CurrentPolicyReader() {}

    /** The current document of the configured policy, or null when the topic holds no valid one. */
    public static String read(JobConfig config) {
        JobConfig.Moderation m = config.moderation();
        Properties props = new Properties();
        props.putAll(KafkaClientProperties.overlay(
                "the policy reader",
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        config.kafka().bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        "false"),
                config.kafka().clientProperties()));
        PolicyFollower follower = new PolicyFollower(m.policy());
        byte[] key = m.policy().getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + m.startupReadTimeout().toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = Optional.ofNullable(
                            consumer.partitionsFor(m.policiesTopic(), m.startupReadTimeout()))
                    .orElse(List.of())
                    .stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, m.startupReadTimeout()));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + m.policiesTopic() + " to its end within "
                            + m.startupReadTimeout() + " (moderation.startup-read-timeout)");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && Arrays.equals(r.key(), key)) {
                        PolicyFollower.Offer offer = follower.offer(new String(r.value(), StandardCharsets.UTF_8));
                        if (offer.outcome() == PolicyFollower.Outcome.INVALID) {
                            LOG.warn(
                                    "skipping an invalid document of policy '{}' at {}-{}@{}: {}",
                                    m.policy(),
                                    r.topic(),
                                    r.partition(),
                                    r.offset(),
                                    offer.reason());
                        }
                    }
                }
            }
        }
        LOG.info(
                "moderation policy '{}' at start: {}",
                m.policy(),
                follower.current() == null ? "none yet on " + m.policiesTopic() : follower.current());
        return follower.currentDocument();
    }
}
