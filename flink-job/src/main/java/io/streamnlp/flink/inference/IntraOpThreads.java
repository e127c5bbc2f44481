package io.streamnlp.flink.inference;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * ONNX Runtime's intra-op threads for the models of one subtask. ONNX Runtime sizes its pool per session and
 * every task slot of a TaskManager may run a subtask with its own sessions, so unless {@code
 * inference.intra-op-threads} says otherwise each subtask gets the TaskManager's cores divided by its task
 * slots: slots × threads ≤ cores, decided where the subtask runs rather than on the machine that submitted the
 * job.
 */
final class IntraOpThreads {
    private IntraOpThreads() {}

    /** {@code configured} if set, else {@code cores / slots}, at least one. */
    static int of(Integer configured, int cores, int slots) {
        if (configured != null) {
            return configured;
        }
        return Math.max(1, cores / Math.max(1, slots));
    }

    /**
     * For a subtask of the TaskManager configured by {@code taskManager}: its {@code taskmanager.cpu.cores} when
     * set, else the processors its JVM sees, shared by its {@code taskmanager.numberOfTaskSlots}. Never more
     * cores than the JVM sees: a MiniCluster declares 1,000,000 CPU cores for its TaskManager.
     */
    static int forTaskManager(Integer configured, Configuration taskManager) {
        return forTaskManager(configured, taskManager, Runtime.getRuntime().availableProcessors());
    }

    static int forTaskManager(Integer configured, Configuration taskManager, int processors) {
        int cores = taskManager
                .getOptional(TaskManagerOptions.CPU_CORES)
                .filter(c -> c >= 1)
                .map(c -> (int) Math.min(c, processors))
                .orElse(processors);
        return of(configured, cores, taskManager.get(TaskManagerOptions.NUM_TASK_SLOTS));
    }
}
