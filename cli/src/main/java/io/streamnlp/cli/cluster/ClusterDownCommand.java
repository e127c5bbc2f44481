package io.streamnlp.cli.cluster;

import io.streamnlp.cluster.ClusterStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stops every process listed in the cluster's status file; data, checkpoints and logs stay. */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = "Stop every process of the cluster (checkpoints, data and logs stay in its directory).")
final class ClusterDownCommand implements Callable<Integer> {
    @Mixin
    ClusterDirectory directory;

    @Override
    public Integer call() {
        Optional<ClusterStatus> status = ClusterStatus.read(directory.path());
        if (status.isEmpty()) {
            System.out.println("no cluster running in " + directory.path());
            return 0;
        }
        List<String> stopped = status.get().stop(Duration.ofSeconds(20));
        System.out.println(
                "stopped " + (stopped.isEmpty() ? "nothing (no process was alive)" : String.join(", ", stopped)));
        return 0;
    }
}
