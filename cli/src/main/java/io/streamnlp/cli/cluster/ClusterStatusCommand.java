package io.streamnlp.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.cluster.ClusterException;
import io.streamnlp.cluster.ClusterStatus;
import io.streamnlp.cluster.FlinkRest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Each process alive or not, and what the JobManager says; exit code 0 only when every process is alive. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the cluster's processes and jobs; exit code 0 when every process is alive, 3 otherwise.")
final class ClusterStatusCommand implements Callable<Integer> {
    static final int EXIT_DEGRADED = 3;

    @Mixin
    ClusterDirectory directory;

    @Override
    public Integer call() {
        Path workDir = directory.path();
        Optional<ClusterStatus> read = ClusterStatus.read(workDir);
        if (read.isEmpty()) {
            System.out.println("no cluster in " + workDir);
            return EXIT_DEGRADED;
        }
        ClusterStatus status = read.get();
        boolean allAlive = true;
        for (ClusterStatus.Entry p : status.processes()) {
            boolean alive = p.isAlive(workDir);
            allAlive &= alive;
            System.out.printf("%-16s pid %-8d %s%n", p.name(), p.pid(), alive ? "running" : "GONE");
        }
        System.out.printf(
                "Flink REST / web UI:  %s%nKafka bootstrap:      %s%nSchema registry:      %s%n",
                status.flinkRestUrl(), status.bootstrapServers(), status.schemaRegistryUrl());
        try {
            JsonNode overview = new FlinkRest(status.flinkRestUrl()).overview();
            System.out.printf(
                    "Flink: %d TaskManagers, %d/%d slots free, %d jobs running%n",
                    overview.path("taskmanagers").asInt(),
                    overview.path("slots-available").asInt(),
                    overview.path("slots-total").asInt(),
                    overview.path("jobs-running").asInt());
        } catch (ClusterException e) {
            System.out.println("Flink: the JobManager does not answer (" + e.getMessage() + ")");
            allAlive = false;
        }
        return allAlive ? 0 : EXIT_DEGRADED;
    }
}
