package io.streamnlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Three KRaft nodes, each broker and controller in its own JVM ({@code kafka.Kafka} from the kafka_2.13
 * jars), replication factor 3 and {@code min.insync.replicas=2} for every topic, internal ones included:
 * any one node may die and producers with {@code acks=all} and transactions carry on.
 */
public final class KafkaCluster {
    public static final int NODES = 3;
    private static final String MAIN = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** A laptop's broker: small heap, serial GC and the C1 compiler only, so three of them start fast on two cores. */
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms128m",
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");

    /** One node: its id, client port, controller port and data directory. */
    record Node(int id, int port, int controllerPort, Path dir) {
        String name() {
            return "kafka-" + id;
        }
    }

    private final List<Node> nodes;
    private final JvmLauncher launcher;
    private final String classPath;
    private final Map<Integer, ManagedProcess> processes = new TreeMap<>();

    private KafkaCluster(List<Node> nodes, JvmLauncher launcher, String classPath) {
        this.nodes = nodes;
        this.launcher = launcher;
        this.classPath = classPath;
    }

    static KafkaCluster create(Path dir, JvmLauncher launcher) {
        List<Node> nodes = new ArrayList<>();
        for (int id = 1; id <= NODES; id++) {
            nodes.add(new Node(id, JvmLauncher.freePort(), JvmLauncher.freePort(), dir.resolve("kafka-" + id)));
        }
        return new KafkaCluster(nodes, launcher, JvmLauncher.classPath("kafka"));
    }

    /** Formats the storage of every node with one cluster id (first start only, in parallel) and starts them. */
    void launch() {
        String clusterId = Uuid.randomUuid().toString();
        List<CompletableFuture<Void>> formats = new ArrayList<>();
        for (Node node : nodes) {
            writeConfig(node);
            if (!Files.exists(node.dir().resolve("data").resolve("meta.properties"))) {
                formats.add(CompletableFuture.runAsync(() -> launcher.run(
                        node.name() + "-format",
                        classPath,
                        jvmOptions(node),
                        List.of(
                                STORAGE_TOOL,
                                "format",
                                "-t",
                                clusterId,
                                "-c",
                                config(node).toString()))));
            }
        }
        try {
            CompletableFuture.allOf(formats.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof ClusterException c
                    ? c
                    : new ClusterException("formatting Kafka storage failed", e);
        }
        nodes.forEach(this::launch);
    }

    /** Returns once all {@value #NODES} brokers have registered with the controller. */
    void awaitReady() {
        awaitBrokers(NODES, START_TIMEOUT);
    }

    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    public List<Integer> nodeIds() {
        return nodes.stream().map(Node::id).toList();
    }

    public ManagedProcess process(int nodeId) {
        ManagedProcess p = processes.get(nodeId);
        if (p == null) {
            throw new ClusterException("no Kafka node " + nodeId);
        }
        return p;
    }

    List<ManagedProcess> processes() {
        return List.copyOf(processes.values());
    }

    /** Starts a node again on its old data directory and ports; returns once the cluster has all brokers back. */
    ManagedProcess restart(int nodeId) {
        Node node = nodes.stream()
                .filter(n -> n.id() == nodeId)
                .findFirst()
                .orElseThrow(() -> new ClusterException("no Kafka node " + nodeId));
        if (process(nodeId).isAlive()) {
            throw new ClusterException(node.name() + " is still running");
        }
        launch(node);
        awaitBrokers(NODES, START_TIMEOUT);
        return process(nodeId);
    }

    void stop() {
        processes.values().forEach(p -> p.stop(Duration.ofSeconds(30)));
    }

    private void launch(Node node) {
        processes.put(
                node.id(),
                launcher.start(
                        node.name(),
                        classPath,
                        jvmOptions(node),
                        List.of(MAIN, config(node).toString())));
    }

    private List<String> jvmOptions(Node node) {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.add("-Dlog4j2.configurationFile=" + node.dir().resolve("log4j2.properties"));
        return options;
    }

    /** Waits until the controller reports {@code count} live brokers. */
    private void awaitBrokers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            int live = 0;
            while (System.nanoTime() < deadline) {
                if (!anyAlive()) {
                    throw new ClusterException("every Kafka node has exited; see "
                            + process(nodes.get(0).id()).logFile());
                }
                try {
                    live = admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .size();
                    if (live >= count) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
            throw new ClusterException("Kafka: " + live + " of " + count + " brokers up after " + timeout.toSeconds()
                    + " s; see " + nodes.get(0).dir().getParent().resolve("logs"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while waiting for the Kafka brokers", e);
        }
    }

    private boolean anyAlive() {
        return processes.values().stream().anyMatch(ManagedProcess::isAlive);
    }

    private static Path config(Node node) {
        return node.dir().resolve("server.properties");
    }

    private void writeConfig(Node node) {
        String voters = nodes.stream()
                .map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
        String server = String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + node.dir().resolve("data"),
                "auto.create.topics.enable=false",
                "default.replication.factor=3",
                "min.insync.replicas=2",
                "unclean.leader.election.enable=false",
                "offsets.topic.replication.factor=3",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=3",
                "share.coordinator.state.topic.min.isr=2",
                "group.initial.rebalance.delay.ms=0",
                // a laptop's worth of threads: three brokers share the cores with Flink
                "num.network.threads=2",
                "num.io.threads=2",
                "num.recovery.threads.per.data.dir=1",
                "log.retention.hours=24",
                "");
        String log4j = String.join(
                "\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.state.name = state.change.logger",
                "logger.state.level = WARN",
                "");
        try {
            Files.createDirectories(node.dir());
            Files.writeString(config(node), server);
            Files.writeString(node.dir().resolve("log4j2.properties"), log4j);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of " + node.name(), e);
        }
    }
}
