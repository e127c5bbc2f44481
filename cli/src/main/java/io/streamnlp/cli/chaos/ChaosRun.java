package io.streamnlp.cli.chaos;

import io.streamnlp.bundle.FileTrees;
import io.streamnlp.cli.cluster.JobOnCluster;
import io.streamnlp.cli.cluster.ProductTopics;
import io.streamnlp.cluster.ClusterSpec;
import io.streamnlp.cluster.FlinkRest;
import io.streamnlp.cluster.LocalCluster;
import io.streamnlp.cluster.ManagedProcess;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.events.ModelEventPublisher;
import io.streamnlp.training.bundle.DefaultBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * One chaos run on a fresh local cluster: the job at the given parallelism over the 4-partition input,
 * steady traffic, faults at fixed points of the traffic's span, then the audit.
 *
 * <p>Schedule (fractions of the time the events take to produce): TaskManager kill at 0.15 (replacement
 * started at once), model swap at 0.30, broker kill at 0.45 and restart at 0.60, registry stall at 0.75
 * for {@value #REGISTRY_STALL_SECONDS} s.
 */
final class ChaosRun {
    static final int REGISTRY_STALL_SECONDS = 20;
    private static final Duration JOB_START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration OPEN_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Longer than the cluster's 2 s: a transaction then stays open long after its barrier, so a kill almost
     * always finds records written since the last checkpoint (aborted) rather than only pre-committed ones
     * (which recovery commits).
     */
    static final String CHECKPOINT_INTERVAL_MS = "5000";

    private final ClusterSpec spec;
    private final Path jobJar;
    private final int events;
    private final int rate;
    private final int parallelism;
    private final Set<Fault> faults;
    private final Duration drainTimeout;
    private final Consumer<String> progress;
    private final List<FaultRecord> injected = new ArrayList<>();
    private final Map<String, Long> championFrom = new HashMap<>();
    private long startMillis;

    ChaosRun(
            ClusterSpec spec,
            Path jobJar,
            int events,
            int rate,
            int parallelism,
            Set<Fault> faults,
            Duration drainTimeout,
            Consumer<String> progress) {
        this.spec = spec;
        this.jobJar = jobJar;
        this.events = events;
        this.rate = rate;
        this.parallelism = parallelism;
        this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        this.drainTimeout = drainTimeout;
        this.progress = progress;
    }

    ChaosReport run() throws Exception {
        progress.accept("starting the cluster in " + spec.workDir());
        try (LocalCluster cluster = LocalCluster.start(spec)) {
            Path properties = JobOnCluster.prepare(
                    spec.workDir(),
                    cluster.bootstrapServers(),
                    cluster.schemaRegistryUrl(),
                    Map.of(
                            "job.name",
                            "streamnlp-chaos",
                            "parallelism",
                            Integer.toString(parallelism),
                            "checkpoint.interval-ms",
                            CHECKPOINT_INTERVAL_MS));
            ModelStore models = ModelStore.open(JobOnCluster.modelRegistry(spec.workDir()));
            ModelVersion v1 = DefaultBundle.ensure(models);
            championFrom.put(Integer.toString(v1.version()), 0L);
            Map<String, Object> publisherConfig = new HashMap<>();
            publisherConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            publisherConfig.put("schema.registry.url", cluster.schemaRegistryUrl());
            try (ModelEventPublisher publisher =
                    ModelEventPublisher.create(publisherConfig, ProductTopics.MODEL_EVENTS, null)) {
                models.addListener(publisher);
                FlinkRest rest = cluster.flink().rest();
                String jobId = JobOnCluster.submit(rest, jobJar, properties, parallelism);
                progress.accept(
                        "job " + jobId + " submitted at parallelism " + parallelism + "; waiting for its tasks");
                awaitRunning(rest, jobId);

                SteadyProducer producer =
                        new SteadyProducer(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), events, rate);
                Thread traffic = new Thread(producer, "chaos-traffic");
                startMillis = System.currentTimeMillis();
                traffic.start();
                progress.accept("producing " + events + " events at " + rate + "/s");
                OutputScan scan = new OutputScan(cluster.bootstrapServers(), cluster.schemaRegistryUrl());
                injectFaults(cluster, jobId, models, v1, scan);
                traffic.join();
                Set<String> produced = producer.acknowledged();
                progress.accept(produced.size() + " events acknowledged (" + producer.failed()
                        + " failed); waiting for all of them in the output");

                boolean complete = awaitOutput(scan, produced);
                long restarts = rest.restarts(jobId);
                rest.cancel(jobId);
                awaitCancelled(rest, jobId);
                List<Output> committed = scan.read(IsolationLevel.READ_COMMITTED);
                int uncommitted = scan.read(IsolationLevel.READ_UNCOMMITTED).size();
                Audit audit = Audit.of(produced, committed, uncommitted, championFrom, injected);
                if (!complete) {
                    progress.accept("output still incomplete after " + drainTimeout.toSeconds() + " s");
                }
                return new ChaosReport(events, produced.size(), producer.failed(), parallelism, rate, audit, restarts);
            }
        }
    }

    private void injectFaults(LocalCluster cluster, String jobId, ModelStore models, ModelVersion v1, OutputScan scan)
            throws InterruptedException {
        long spanMillis = events * 1000L / rate;
        int brokerKilled = -1;
        if (faults.contains(Fault.TASKMANAGER)) {
            at(spanMillis * 15 / 100);
            awaitOpenTransaction(scan);
            ManagedProcess tm = cluster.killTaskManager(cluster.flink().rest().busiestTaskManager(jobId));
            record(Fault.TASKMANAGER, "kill -9 " + tm + ", which ran the most subtasks");
            ManagedProcess replacement = cluster.startTaskManager(spec.taskManagers());
            progress.accept("replacement " + replacement + " registered");
        }
        if (faults.contains(Fault.SWAP)) {
            at(spanMillis * 30 / 100);
            ModelVersion v2 = registerCopy(models, v1);
            long movedAt = System.currentTimeMillis();
            models.setAlias(DefaultBundle.MODEL, ModelReference.DEFAULT_ALIAS, v2.version());
            championFrom.put(Integer.toString(v2.version()), movedAt);
            record(Fault.SWAP, "champion " + v1.version() + " -> " + v2.version());
        }
        if (faults.contains(Fault.BROKER)) {
            at(spanMillis * 45 / 100);
            brokerKilled = activeController(cluster.bootstrapServers());
            ManagedProcess broker = cluster.killBroker(brokerKilled);
            record(Fault.BROKER, "kill -9 " + broker + ", the active controller");
            at(spanMillis * 60 / 100);
            cluster.restartBroker(brokerKilled);
            progress.accept("kafka-" + brokerKilled + " restarted and back in the cluster");
        }
        if (faults.contains(Fault.REGISTRY)) {
            at(spanMillis * 75 / 100);
            cluster.schemaRegistry().pause();
            record(Fault.REGISTRY, "SIGSTOP " + cluster.schemaRegistry() + " for " + REGISTRY_STALL_SECONDS + " s");
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(REGISTRY_STALL_SECONDS));
            cluster.schemaRegistry().resume();
            progress.accept("schema registry resumed (SIGCONT)");
        }
    }

    /**
     * Waits (at most {@link #OPEN_TRANSACTION_TIMEOUT}) until an open transaction holds enriched records, so that
     * the kill interrupts output: a job still warming up has written nothing a kill could abort.
     */
    private void awaitOpenTransaction(OutputScan scan) throws InterruptedException {
        long deadline = System.nanoTime() + OPEN_TRANSACTION_TIMEOUT.toNanos();
        while (!scan.openTransactionHoldsRecords()) {
            if (System.nanoTime() > deadline) {
                progress.accept("no open transaction with output after " + OPEN_TRANSACTION_TIMEOUT.toSeconds()
                        + " s; killing anyway");
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Waits for the scheduled moment, {@code offsetMillis} after the first event. */
    private void at(long offsetMillis) {
        long wait = startMillis + offsetMillis - System.currentTimeMillis();
        if (wait > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
        }
    }

    private void record(Fault fault, String detail) {
        long now = System.currentTimeMillis();
        injected.add(new FaultRecord(fault.cliName(), detail, now, (now - startMillis) / 1000.0, 0));
        progress.accept(String.format("%6.1f s  %s: %s", (now - startMillis) / 1000.0, fault.cliName(), detail));
    }

    /** The champion's files registered again as the next version: a new version to swap to, serving the same tasks. */
    private static ModelVersion registerCopy(ModelStore models, ModelVersion v1) {
        Path copy;
        try {
            copy = Files.createTempDirectory(models.root(), "swap-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the champion for the swap", e);
        }
        try {
            models.download(new ModelReference(DefaultBundle.MODEL, v1.version(), null), copy);
            Files.delete(copy.resolve("manifest.json"));
            return models.register(
                    DefaultBundle.MODEL,
                    copy,
                    RegistrationRequest.builder().parentVersion(v1.version()).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the champion for the swap", e);
        } finally {
            FileTrees.deleteRecursively(copy);
        }
    }

    private static int activeController(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeMetadataQuorum()
                    .quorumInfo()
                    .get(30, TimeUnit.SECONDS)
                    .leaderId();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot find the active controller: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitRunning(FlinkRest rest, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_START_TIMEOUT.toNanos();
        while (!rest.allTasksRunning(jobId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " not running after " + JOB_START_TIMEOUT.toSeconds()
                        + " s: " + rest.job(jobId).path("state").asText());
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static void awaitCancelled(FlinkRest rest, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!rest.job(jobId).path("state").asText().equals("CANCELED") && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** Scans the committed output until every produced id is in it, or the drain timeout passes. */
    private boolean awaitOutput(OutputScan scan, Set<String> produced) throws InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> seen = new java.util.HashSet<>();
            scan.read(IsolationLevel.READ_COMMITTED).forEach(o -> seen.add(o.id()));
            if (seen.containsAll(produced)) {
                return true;
            }
            TimeUnit.SECONDS.sleep(2);
        }
        return false;
    }
}
