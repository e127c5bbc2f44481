package io.streamnlp.cli.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The product's topics on the cluster, at the brokers' replication factor (3) and {@code min.insync.replicas}
 * (2). The input has {@value #INPUT_PARTITIONS} partitions: one source reader per partition, so up to four
 * subtasks share the input.
 */
public final class ProductTopics {
    public static final String INPUT = "text-events";
    public static final String ENRICHED = "enriched-events";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String DRIFT = "drift-metrics";
    public static final String STATS = "enrichment-stats";
    public static final String MODEL_EVENTS = "model-events";
    public static final int INPUT_PARTITIONS = 4;

    private ProductTopics() {}

    /** Creates whatever of the job's topics is missing. */
    public static void create(String bootstrapServers) {
        List<NewTopic> topics = new ArrayList<>(List.of(
                new NewTopic(INPUT, INPUT_PARTITIONS, (short) 3),
                new NewTopic(ENRICHED, INPUT_PARTITIONS, (short) 3),
                new NewTopic(DEAD_LETTERS, INPUT_PARTITIONS, (short) 3),
                new NewTopic(DRIFT, 1, (short) 3),
                new NewTopic(STATS, 1, (short) 3),
                new NewTopic(MODEL_EVENTS, 1, (short) 3)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            topics.removeIf(t -> existing.contains(t.name()));
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the job's topics on " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
