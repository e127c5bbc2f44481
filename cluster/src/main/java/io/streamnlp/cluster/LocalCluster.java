package io.streamnlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real deployment on one machine, every part its own process bound to 127.0.0.1: the Apicurio schema
 * registry, three KRaft Kafka nodes and a Flink standalone session cluster. The status file is rewritten
 * whenever a process is added, so {@code cluster down} finds all of them. Until {@link #detach()}, a
 * shutdown hook stops everything when this JVM exits.
 *
 * <p>The fault methods are what a chaos run injects: real signals to real processes.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ClusterSpec spec;
    private final SchemaRegistryNode registry;
    private final KafkaCluster kafka;
    private final FlinkCluster flink;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalCluster(ClusterSpec spec, SchemaRegistryNode registry, KafkaCluster kafka, FlinkCluster flink) {
        this.spec = spec;
        this.registry = registry;
        this.kafka = kafka;
        this.flink = flink;
        this.shutdownHook = new Thread(this::stopAll, "local-cluster-shutdown");
    }

    /** Starts every process and returns once the brokers, the registry and all TaskManagers are up. */
    public static LocalCluster start(ClusterSpec spec) {
        if (ClusterStatus.read(spec.workDir())
                .map(s -> s.processes().stream().anyMatch(e -> e.isAlive(spec.workDir())))
                .orElse(false)) {
            throw new ClusterException(
                    "a cluster is already running in " + spec.workDir() + " (streamnlp cluster down)");
        }
        try {
            Files.createDirectories(spec.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JvmLauncher launcher = new JvmLauncher(spec.workDir());
        KafkaCluster kafka = KafkaCluster.create(spec.workDir(), launcher);
        FlinkCluster flink = FlinkCluster.create(
                spec.workDir(), launcher, spec.restPort(), spec.slotsPerTaskManager(), spec.taskManager());
        long t0 = System.nanoTime();
        SchemaRegistryNode registry = SchemaRegistryNode.launch(launcher, spec.streamnlpHome());
        LocalCluster cluster = new LocalCluster(spec, registry, kafka, flink);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            // in stages, so that no start-up deadline is missed on a busy laptop: brokers (and the
            // registry beside them), then the JobManager, then the TaskManagers
            cluster.writeStatus();
            kafka.launch();
            cluster.writeStatus();
            kafka.awaitReady();
            flink.startJobManager();
            for (int i = 0; i < spec.taskManagers(); i++) {
                flink.startTaskManager();
            }
            cluster.writeStatus();
            flink.awaitTaskManagers(spec.taskManagers());
            cluster.writeStatus();
            registry.awaitReady();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "cluster up in {} ms: Flink {}, Kafka {}, registry {}",
                (System.nanoTime() - t0) / 1_000_000,
                flink.restUrl(),
                kafka.bootstrapServers(),
                registry.confluentUrl());
        return cluster;
    }

    public ClusterSpec spec() {
        return spec;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.confluentUrl();
    }

    public FlinkCluster flink() {
        return flink;
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public ManagedProcess schemaRegistry() {
        return registry.process();
    }

    /** {@code kill -9} of the TaskManager process {@code name} (its resource id in Flink's REST API); returns it. */
    public ManagedProcess killTaskManager(String name) {
        ManagedProcess tm = flink.taskManagers().stream()
                .filter(p -> p.name().equals(name) && p.isAlive())
                .findFirst()
                .orElseThrow(() -> new ClusterException("no live TaskManager " + name));
        tm.kill();
        return tm;
    }

    /** Starts a replacement TaskManager and waits until {@code expected} are registered. */
    public ManagedProcess startTaskManager(int expected) {
        ManagedProcess tm = flink.startTaskManager();
        writeStatus();
        flink.awaitTaskManagers(expected);
        return tm;
    }

    /** {@code kill -9} of Kafka node {@code nodeId}. */
    public ManagedProcess killBroker(int nodeId) {
        ManagedProcess broker = kafka.process(nodeId);
        broker.kill();
        return broker;
    }

    /** Starts Kafka node {@code nodeId} again on its data and waits until it has rejoined. */
    public ManagedProcess restartBroker(int nodeId) {
        ManagedProcess broker = kafka.restart(nodeId);
        writeStatus();
        return broker;
    }

    /** The addresses and live processes, as the status file holds them. */
    public ClusterStatus status() {
        List<ClusterStatus.Entry> entries = new ArrayList<>();
        List<ManagedProcess> all = new ArrayList<>();
        all.add(registry.process());
        all.addAll(kafka.processes());
        if (flink.jobManager() != null) {
            all.add(flink.jobManager());
        }
        all.addAll(flink.taskManagers());
        for (ManagedProcess p : all) {
            if (p.isAlive()) {
                entries.add(
                        new ClusterStatus.Entry(p.name(), p.pid(), p.logFile().toString()));
            }
        }
        return new ClusterStatus(
                spec.workDir().toString(), flink.restUrl(), kafka.bootstrapServers(), registry.confluentUrl(), entries);
    }

    /** Lets the processes outlive this JVM ({@code cluster up}); {@code cluster down} stops them through the status file. */
    public void detach() {
        writeStatus();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    /** Stops every process, Flink first, and removes the status file; checkpoints and logs stay. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        stopAll();
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        flink.stop();
        kafka.stop();
        registry.process().stop(STOP_GRACE);
        try {
            Files.deleteIfExists(spec.workDir().resolve(ClusterStatus.FILE_NAME));
        } catch (IOException e) {
            LOG.warn("cannot delete the status file: {}", e.toString());
        }
    }

    private void writeStatus() {
        status().write();
    }
}
