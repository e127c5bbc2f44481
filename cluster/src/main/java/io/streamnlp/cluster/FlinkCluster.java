package io.streamnlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink standalone session cluster from Maven jars: one JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), each its own
 * JVM, launched as Flink's scripts would launch them. Checkpoints go to {@code checkpoints/} under the
 * cluster's directory and are retained when a job is cancelled.
 */
public final class FlinkCluster {
    private static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final int START_RETRIES = 3;
    /** What Flink's scripts open on Java 17; without them job submission fails in DataStreamV2SinkTransformationTranslator. */
    private static final List<String> OPENS = List.of(
            "java.base/java.util",
            "java.base/java.lang",
            "java.base/java.lang.reflect",
            "java.base/java.io",
            "java.base/java.net",
            "java.base/java.nio",
            "java.base/sun.nio.ch",
            "java.base/java.text",
            "java.base/java.time",
            "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic",
            "java.base/java.util.concurrent.locks");

    private static final List<String> EXPORTS = List.of(
            "java.base/sun.net.util",
            "java.base/sun.nio.ch",
            "java.rmi/sun.rmi.registry",
            "java.security.jgss/sun.security.krb5");

    private final Path dir;
    private final JvmLauncher launcher;
    private final String classPath;
    private final int restPort;
    private final int slotsPerTaskManager;
    private final TaskManagerResources resources;
    // a shutdown hook may stop the cluster while a TaskManager is being added
    private final List<ManagedProcess> taskManagers = new CopyOnWriteArrayList<>();
    private ManagedProcess jobManager;
    private int taskManagersStarted;

    private FlinkCluster(
            Path dir,
            JvmLauncher launcher,
            String classPath,
            int restPort,
            int slotsPerTaskManager,
            TaskManagerResources resources) {
        this.dir = dir;
        this.launcher = launcher;
        this.classPath = classPath;
        this.restPort = restPort;
        this.slotsPerTaskManager = slotsPerTaskManager;
        this.resources = resources;
    }

    static FlinkCluster create(
            Path dir, JvmLauncher launcher, int restPort, int slotsPerTaskManager, TaskManagerResources resources) {
        return new FlinkCluster(
                dir,
                launcher,
                JvmLauncher.classPath("flink"),
                restPort == 0 ? JvmLauncher.freePort() : restPort,
                slotsPerTaskManager,
                resources);
    }

    /**
     * Starts the JobManager and waits until its REST API answers; a JobManager that exits first (its RPC
     * system misses its 10 s start-up deadline on a busy machine) is started again, at most
     * {@value #START_RETRIES} times.
     */
    void startJobManager() {
        writeConfiguration();
        for (int attempt = 0; ; attempt++) {
            // the JobManager only coordinates: serial GC and C1 keep its start cheap on a laptop
            jobManager = launcher.start(
                    "jobmanager",
                    classPath,
                    jvmOptions(
                            "jobmanager",
                            List.of(
                                    "-Xms256m",
                                    "-Xmx512m",
                                    "-XX:MaxMetaspaceSize=256m",
                                    "-XX:+UseSerialGC",
                                    "-XX:TieredStopAtLevel=1")),
                    List.of(JOB_MANAGER_MAIN, "--configDir", confDir().toString()));
            try {
                awaitTaskManagers(0);
                return;
            } catch (ClusterException e) {
                if (jobManager.isAlive() || attempt == START_RETRIES) {
                    throw e;
                }
                LOG.warn("the JobManager exited during start; starting it again (see {})", jobManager.logFile());
            }
        }
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public FlinkRest rest() {
        return new FlinkRest(restUrl());
    }

    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    public ManagedProcess jobManager() {
        return jobManager;
    }

    /** The TaskManagers started so far, dead ones included, oldest first. */
    public List<ManagedProcess> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /** Starts one more TaskManager (e.g. the replacement of a killed one) without waiting for it to register. */
    ManagedProcess startTaskManager() {
        String name = "taskmanager-" + (++taskManagersStarted);
        List<String> args = new ArrayList<>(
                List.of(TASK_MANAGER_MAIN, "--configDir", confDir().toString()));
        args.addAll(resources.dynamicProperties());
        // the REST API names TaskManagers by resource id: the process name, so a fault can pick the right pid
        args.addAll(List.of("-D", "taskmanager.resource-id=" + name));
        List<String> memory = new ArrayList<>(resources.jvmOptions());
        memory.add("-XX:+UseG1GC");
        ManagedProcess tm = launcher.start(name, classPath, jvmOptions(name, memory), args);
        taskManagers.add(tm);
        return tm;
    }

    /**
     * Waits until {@code count} TaskManagers are registered with the JobManager. A TaskManager that exits
     * before it registered (on a busy machine its RPC system can miss its start-up deadline) is replaced,
     * at most {@value #START_RETRIES} times.
     */
    void awaitTaskManagers(int count) {
        FlinkRest rest = rest();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int retries = 0;
        while (rest.taskManagers() < count) {
            if (!jobManager.isAlive()) {
                throw new ClusterException("the Flink JobManager exited; see " + jobManager.logFile());
            }
            long alive = taskManagers.stream().filter(ManagedProcess::isAlive).count();
            if (alive < count && retries < START_RETRIES) {
                retries++;
                LOG.warn(
                        "a TaskManager exited before it registered; starting another (see its log in {})",
                        jobManager.logFile().getParent());
                startTaskManager();
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException(
                        "Flink: fewer than " + count + " TaskManagers registered after " + START_TIMEOUT.toSeconds()
                                + " s; see " + jobManager.logFile().getParent());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for TaskManagers", e);
            }
        }
    }

    void stop() {
        taskManagers.forEach(tm -> tm.stop(Duration.ofSeconds(20)));
        if (jobManager != null) {
            jobManager.stop(Duration.ofSeconds(20));
        }
    }

    private Path confDir() {
        return dir.resolve("flink-conf");
    }

    private List<String> jvmOptions(String name, List<String> memory) {
        List<String> options = new ArrayList<>(memory);
        options.add("-XX:+ExitOnOutOfMemoryError");
        OPENS.forEach(p -> options.add("--add-opens=" + p + "=ALL-UNNAMED"));
        EXPORTS.forEach(p -> options.add("--add-exports=" + p + "=ALL-UNNAMED"));
        options.add("-Dlog4j.configurationFile=" + confDir().resolve("log4j.properties"));
        options.add("-Dlog.file=" + dir.resolve("logs").resolve(name + ".flink.log"));
        return options;
    }

    private void writeConfiguration() {
        String config = String.join(
                "\n",
                "# written by streamnlp cluster; every address is 127.0.0.1",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + JvmLauncher.freePort(),
                "jobmanager.bind-host: 127.0.0.1",
                "jobmanager.execution.failover-strategy: region",
                "taskmanager.host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: " + slotsPerTaskManager,
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "blob.server.port: " + JvmLauncher.freePort(),
                "web.upload.dir: " + dir.resolve("flink-uploads"),
                "io.tmp.dirs: " + dir.resolve("flink-tmp"),
                // spread a job's subtasks over the TaskManagers, so that losing one is a partial failure
                "taskmanager.load-balance.mode: SLOTS",
                // a killed TaskManager is noticed in seconds, not after the default 50 s, yet a laptop
                // busy with builds does not lose a live one
                "heartbeat.interval: 3000",
                "heartbeat.timeout: 20000",
                // RPC calls get time on a loaded laptop (the defaults are 10 s). The RPC system's own start
                // keeps its 10 s: Flink's pekko.startup-timeout sets pekko.remote.startup-timeout, while
                // classic remoting reads pekko.remote.classic.startup-timeout, hence the restarts below
                "pekko.ask.timeout: 60 s",
                "pekko.tcp.timeout: 60 s",
                // the exception history counts a chaos run's restarts: keep all of them
                "web.exception-history-size: 1000",
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 1000",
                "restart-strategy.fixed-delay.delay: 2 s",
                "state.backend.type: hashmap",
                "execution.checkpointing.dir: " + checkpointDir().toUri(),
                "execution.checkpointing.savepoint-dir: "
                        + dir.resolve("savepoints").toUri(),
                "execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION",
                "execution.checkpointing.num-retained: 3",
                // JNI libraries load once per JVM: resolve them from the cluster's class path, never the job jar's
                // copies
                "classloader.parent-first-patterns.additional: ai.djl.;ai.onnxruntime.;com.sun.jna.",
                "");
        String log4j = String.join(
                "\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = FILE",
                "appender.file.type = File",
                "appender.file.name = FILE",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                "");
        try {
            Files.createDirectories(confDir());
            Files.createDirectories(checkpointDir());
            Files.writeString(confDir().resolve("config.yaml"), config);
            Files.writeString(confDir().resolve("log4j.properties"), log4j);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration to " + confDir(), e);
        }
    }
}
