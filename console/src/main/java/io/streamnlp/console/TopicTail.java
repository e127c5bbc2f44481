package io.streamnlp.console;

import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.EnrichmentStats;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerdeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the console's topics into its {@link ConsoleFeed}: one read_committed consumer without a group, which
 * assigns every partition, starts each a bounded number of records before its end and reads on from there. A
 * topic that does not exist yet (the job creates some on first write) is looked for again every few seconds.
 */
final class TopicTail implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final long LOOK_FOR_TOPICS_NANOS = Duration.ofSeconds(2).toNanos();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
    private final ConsoleTopics topics;
    private final ConsoleFeed feed;
    private final int readBack;
    private final Set<String> assigned = new HashSet<>();
    private volatile boolean running = true;

    TopicTail(ConsoleConfig config, ConsoleFeed feed) {
        Map<String, Object> settings = new HashMap<>(config.kafka());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // looking for a topic the job has not written yet must not create it with the broker's defaults
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "streamnlp-console-" + ProcessHandle.current().pid());
        this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.values.configure(config.serde(), false);
        this.topics = config.topics();
        this.feed = feed;
        this.readBack = config.recentRecords();
    }

    @Override
    public void run() {
        long lookedAt = System.nanoTime() - LOOK_FOR_TOPICS_NANOS;
        try {
            while (running) {
                if (assigned.size() < topics.tailed().size() && System.nanoTime() - lookedAt >= LOOK_FOR_TOPICS_NANOS) {
                    assignNewTopics();
                    lookedAt = System.nanoTime();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    dispatch(record);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    /** Adds the partitions of topics that now exist, each from {@code readBack} records before its end. */
    private void assignNewTopics() {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics.tailed()) {
            if (assigned.contains(topic)) {
                continue;
            }
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                continue;
            }
            partitions.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
            assigned.add(topic);
        }
        if (added.isEmpty()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        all.addAll(added);
        consumer.assign(all);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(added);
        Map<TopicPartition, Long> end = consumer.endOffsets(added);
        for (TopicPartition partition : added) {
            consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - readBack));
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        SpecificRecord value;
        try {
            value = values.deserialize(record.topic(), record.value());
        } catch (AvroSerdeException e) {
            LOG.debug(
                    "{}-{}@{} is not a record the console reads: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return;
        } catch (RuntimeException e) {
            // a registry outage, say: the page misses this record, the console stays up
            LOG.warn("cannot read {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return;
        }
        String topic = record.topic();
        if (topic.equals(topics.review()) && value instanceof EnrichedEvent e) {
            feed.onReview(e);
        } else if (value instanceof EnrichedEvent e && topic.equals(topics.enriched())) {
            feed.onEnriched(e);
        } else if (value instanceof DeadLetter d) {
            feed.onDeadLetter(d, record.partition(), record.offset());
        } else if (value instanceof DriftReport d) {
            feed.onDrift(d);
        } else if (value instanceof EnrichmentStats s) {
            feed.onStats(s);
        } else if (value instanceof Feedback f) {
            feed.onFeedback(f);
        } else if (value instanceof RetrainRequest r) {
            feed.onRetrainRequest(r);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
