package io.streamnlp.cluster;

import java.nio.file.Path;

/**
 * What to start: where the cluster keeps its state (configuration, data, checkpoints, logs, the status
 * file), how many TaskManagers with how many slots, and the JobManager's REST port (0: any free port).
 * Brokers are always {@value KafkaCluster#NODES}.
 */
public record ClusterSpec(
        Path workDir,
        Path streamnlpHome,
        int taskManagers,
        int slotsPerTaskManager,
        int restPort,
        TaskManagerResources taskManager) {

    public ClusterSpec {
        if (taskManagers < 1 || slotsPerTaskManager < 1) {
            throw new IllegalArgumentException("need at least one TaskManager with one slot");
        }
        if (restPort < 0 || restPort > 65535) {
            throw new IllegalArgumentException("bad REST port " + restPort);
        }
        workDir = workDir.toAbsolutePath().normalize();
    }

    /** Two TaskManagers with two slots each: parallelism 2 survives the loss of either. */
    public static ClusterSpec laptop(Path workDir, Path streamnlpHome, int restPort) {
        return new ClusterSpec(workDir, streamnlpHome, 2, 2, restPort, TaskManagerResources.laptop());
    }
}
