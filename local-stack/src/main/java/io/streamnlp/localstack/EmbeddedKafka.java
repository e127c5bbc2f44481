package io.streamnlp.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) inside this JVM, built on Kafka's
 * {@code KafkaClusterTestKit}. Configured for one node: internal topics with replication factor 1, no initial
 * rebalance delay, transactions up to 15 minutes ({@code transaction.max.timeout.ms=900000}, so a Flink sink
 * with {@code transaction.timeout.ms=600000} is accepted).
 *
 * <p>Listeners are on {@code localhost}; {@link #bootstrapServers()} returns {@code 127.0.0.1:<port>}.
 * {@link #startWithScramListener} adds a {@link ScramListener SASL/SCRAM listener} beside the plaintext one.
 * {@link #close()} shuts the broker down and deletes its log directories.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** The broker settings applied by default (each can be overridden with {@link #start(Map)}). */
    public static final Map<String, String> DEFAULT_BROKER_CONFIG;

    static {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "1");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("min.insync.replicas", "1");
        c.put("default.replication.factor", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("transaction.max.timeout.ms", "900000");
        c.put("auto.create.topics.enable", "true");
        c.put("num.partitions", "1");
        DEFAULT_BROKER_CONFIG = Map.copyOf(c);
    }

    /** The test kit numbers a combined broker-and-controller node 0. */
    private static final int NODE_ID = 0;

    private final KafkaClusterTestKit cluster;
    private final Path baseDir;
    private final String bootstrapServers;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDir) {
        this.cluster = cluster;
        this.baseDir = baseDir;
        this.bootstrapServers = cluster.bootstrapServers().replace("localhost:", "127.0.0.1:");
        this.shutdownHook = new Thread(() -> Settings.deleteRecursively(baseDir), "embedded-kafka-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker with {@link #DEFAULT_BROKER_CONFIG}. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /**
     * Starts a broker with {@link #DEFAULT_BROKER_CONFIG} overridden by {@code brokerConfig}.
     *
     * @throws LocalStackException when the broker does not start
     */
    public static EmbeddedKafka start(Map<String, ?> brokerConfig) {
        return start(brokerConfig, false);
    }

    /**
     * Starts a default broker that also listens for SASL/SCRAM clients on {@link #scramBootstrapServers()}; users are
     * added with {@link #createScramUser}.
     */
    public static EmbeddedKafka startWithScramListener() {
        return start(Map.of(), true);
    }

    private static EmbeddedKafka start(Map<String, ?> brokerConfig, boolean scramListener) {
        long t0 = System.nanoTime();
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("streamnlp-kafka-");
        } catch (IOException e) {
            throw new LocalStackException("Cannot create a temp directory for the embedded Kafka broker: " + e, e);
        }
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDir)
                    .build();
            KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(nodes);
            Map<String, Object> config = new LinkedHashMap<>(DEFAULT_BROKER_CONFIG);
            if (scramListener) {
                config.putAll(ScramListener.brokerConfig(
                        nodes.brokerListenerName().value(),
                        nodes.controllerListenerName().value()));
            }
            config.putAll(brokerConfig);
            config.forEach(b::setConfigProp);
            LoopbackListeners.prebind(
                    b,
                    NODE_ID,
                    nodes.brokerListenerName().value(),
                    nodes.controllerListenerName().value());
            if (scramListener) LoopbackListeners.prebind(b, NODE_ID, ScramListener.NAME);
            cluster = b.build();
            formatLoggingItsOutput(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            Settings.deleteRecursively(baseDir);
            throw new LocalStackException("The embedded Kafka broker did not start: " + e, e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(cluster, baseDir);
        LOG.info(
                "Embedded Kafka (KRaft) ready at {} in {} ms",
                kafka.bootstrapServers,
                (System.nanoTime() - t0) / 1_000_000);
        return kafka;
    }

    /**
     * Kafka's storage formatter prints "Formatting metadata directory ..." to {@code System.out}, where the
     * test kit leaves it; on the demo's console that is noise, so those lines go to the log instead.
     */
    private static void formatLoggingItsOutput(KafkaClusterTestKit cluster) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        synchronized (System.class) {
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                cluster.format();
            } finally {
                System.setOut(stdout);
            }
        }
        printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> LOG.debug("kafka storage: {}", line));
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * {@code 127.0.0.1:<port>} of the SASL/SCRAM listener.
     *
     * @throws IllegalStateException when the broker was started without it
     */
    public String scramBootstrapServers() {
        int port = cluster.brokers().values().iterator().next().boundPort(ListenerName.normalised(ScramListener.NAME));
        if (port <= 0) {
            throw new IllegalStateException(
                    "this broker has no " + ScramListener.NAME + " listener (startWithScramListener)");
        }
        return "127.0.0.1:" + port;
    }

    /**
     * Creates (or replaces) a user's SCRAM-SHA-256 and SCRAM-SHA-512 credentials and waits until the broker
     * authenticates with them.
     */
    public void createScramUser(String user, String password) {
        try (Admin admin = admin()) {
            // one request per mechanism: the broker refuses two alterations of one user in the same request
            for (ScramMechanism m : ScramListener.MECHANISMS) {
                admin.alterUserScramCredentials(List.of(
                                new UserScramCredentialUpsertion(user, new ScramCredentialInfo(m, 4096), password)))
                        .all()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            // the controller has the credentials now; the broker authenticates with them once its metadata has caught
            // up,
            // and it answers describe requests from that same metadata
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (scramMechanismsOf(admin, user) < ScramListener.MECHANISMS.size()) {
                if (System.nanoTime() > deadline) {
                    throw new LocalStackException(
                            "The broker did not learn the SCRAM credentials of " + user + " in " + ADMIN_TIMEOUT);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while creating SCRAM user " + user, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("Cannot create SCRAM user " + user + ": " + e, e);
        }
    }

    private static int scramMechanismsOf(Admin admin, String user)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeUserScramCredentials(List.of(user))
                    .description(user)
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .credentialInfos()
                    .size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceNotFoundException) return 0;
            throw e;
        }
    }

    /** A mutable map with {@code bootstrap.servers} set, to start client configs from. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> m = new HashMap<>();
        m.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return m;
    }

    /** A new admin client (the caller closes it). */
    public Admin admin() {
        Map<String, Object> m = clientConfig();
        m.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(m);
    }

    /** Creates topics with {@code partitions} partitions each; topics that exist already are left as they are. */
    public void createTopics(int partitions, String... topics) {
        List<NewTopic> list = new ArrayList<>();
        for (String t : topics) list.add(new NewTopic(t, partitions, (short) 1));
        createTopics(list);
    }

    /** Creates one topic; a topic that exists already is left as it is. */
    public void createTopic(String topic, int partitions) {
        createTopics(partitions, topic);
    }

    /** Creates one topic with extra topic configs (e.g. {@code retention.ms}); existing topics are left as they are. */
    public void createTopic(String topic, int partitions, Map<String, String> topicConfig) {
        createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(topicConfig)));
    }

    /** Creates a log-compacted topic ({@code cleanup.policy=compact}), e.g. {@code model-events}. */
    public void createCompactedTopic(String topic, int partitions) {
        createTopic(topic, partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** Creates the given topics (replication factor must be 1 or unset); topics that exist already are left as they are. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = admin()) {
            var result = admin.createTopics(topics);
            for (var e : result.values().entrySet()) {
                try {
                    e.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new LocalStackException(
                                "Cannot create topic " + e.getKey() + ": " + ex.getCause(), ex.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new LocalStackException("Timed out creating topics on " + bootstrapServers, e);
        }
    }

    /** Deletes topics; missing ones are ignored. */
    public void deleteTopics(String... topics) {
        try (Admin admin = admin()) {
            var result = admin.deleteTopics(List.of(topics));
            for (var f : result.topicNameValues().values()) {
                try {
                    f.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException ignored) {
                    // unknown topic
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while deleting topics", e);
        } catch (TimeoutException e) {
            throw new LocalStackException("Timed out deleting topics on " + bootstrapServers, e);
        }
    }

    /** The underlying test kit (internal Kafka API; may change between Kafka versions). */
    public KafkaClusterTestKit cluster() {
        return cluster;
    }

    /** Shuts the broker down and deletes its directories. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        long t0 = System.nanoTime();
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.warn("Embedded Kafka did not shut down cleanly: {}", e.toString());
        } finally {
            Settings.deleteRecursively(baseDir);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook runs
            }
        }
        LOG.info("Embedded Kafka closed in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + "]";
    }
}
