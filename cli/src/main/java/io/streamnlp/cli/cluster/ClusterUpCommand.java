package io.streamnlp.cli.cluster;

import io.streamnlp.cluster.ClusterSpec;
import io.streamnlp.cluster.ClusterStatus;
import io.streamnlp.cluster.LocalCluster;
import io.streamnlp.cluster.TaskManagerResources;
import io.streamnlp.config.CommonOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the cluster, prepares topics, the default model and job.properties, and returns with it running. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Start the cluster and leave it running; prints its addresses and how to submit the job.")
final class ClusterUpCommand implements Callable<Integer> {
    @Mixin
    ClusterDirectory directory;

    @Option(
            names = "--task-managers",
            defaultValue = "2",
            description = "TaskManager processes (default ${DEFAULT-VALUE}).")
    int taskManagers;

    @Option(
            names = "--slots",
            defaultValue = "2",
            description = "Task slots per TaskManager (default ${DEFAULT-VALUE}).")
    int slots;

    @Option(
            names = "--rest-port",
            defaultValue = "8081",
            description = "Flink REST API and web UI port; 0 for any free one (default ${DEFAULT-VALUE}).")
    int restPort;

    @Override
    public Integer call() {
        Path workDir = directory.path();
        ClusterSpec spec = new ClusterSpec(
                workDir, CommonOptions.streamnlpHome(), taskManagers, slots, restPort, TaskManagerResources.laptop());
        System.err.println("cluster: starting in " + workDir + " (logs in " + workDir.resolve("logs") + ")");
        LocalCluster cluster = LocalCluster.start(spec);
        Path properties;
        try {
            System.err.println("cluster: creating topics and registering the default model");
            properties =
                    JobOnCluster.prepare(workDir, cluster.bootstrapServers(), cluster.schemaRegistryUrl(), Map.of());
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        // from here on the processes outlive this command; `cluster down` stops them
        cluster.detach();
        ClusterStatus status = cluster.status();
        System.out.printf(
                "Flink REST / web UI:  %s%nKafka bootstrap:      %s%nSchema registry:      %s%n"
                        + "Job properties:       %s%nSubmit the job:       streamnlp cluster submit (or the REST calls in README.md)%n"
                        + "Stop everything:      streamnlp cluster down%n",
                status.flinkRestUrl(), status.bootstrapServers(), status.schemaRegistryUrl(), properties);
        return 0;
    }
}
