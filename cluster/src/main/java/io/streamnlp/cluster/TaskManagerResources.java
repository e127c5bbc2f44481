package io.streamnlp.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory of a TaskManager started without Flink's scripts, in MiB. The scripts would compute the JVM
 * flags and pass the components as dynamic properties; here both come from this one record, so they
 * cannot disagree. ONNX Runtime's weights and activations live outside the JVM's limits (malloc), so
 * the process needs room beyond {@link #processMb()}: about 0.5 GB per served model copy.
 */
public record TaskManagerResources(
        int frameworkHeapMb,
        int taskHeapMb,
        int managedMb,
        int frameworkOffHeapMb,
        int taskOffHeapMb,
        int networkMb,
        int metaspaceMb,
        int overheadMb,
        double cpuCores) {

    public TaskManagerResources {
        for (int mb : new int[] {frameworkHeapMb, taskHeapMb, frameworkOffHeapMb, networkMb, metaspaceMb, overheadMb}) {
            if (mb <= 0) {
                throw new IllegalArgumentException("TaskManager memory components must be positive: " + this);
            }
        }
        if (managedMb < 0 || taskOffHeapMb < 0 || cpuCores <= 0) {
            throw new IllegalArgumentException("bad TaskManager resources: " + this);
        }
    }

    /** Enough for the default bundle on two slots; the hashmap state backend needs almost no managed memory. */
    public static TaskManagerResources laptop() {
        return new TaskManagerResources(128, 512, 16, 128, 128, 64, 192, 192, 1.0);
    }

    public int processMb() {
        return frameworkHeapMb
                + taskHeapMb
                + managedMb
                + frameworkOffHeapMb
                + taskOffHeapMb
                + networkMb
                + metaspaceMb
                + overheadMb;
    }

    /** {@code -Xmx}, direct memory and metaspace limits matching the components. */
    List<String> jvmOptions() {
        int heap = frameworkHeapMb + taskHeapMb;
        return List.of(
                "-Xms" + heap + "m",
                "-Xmx" + heap + "m",
                "-XX:MaxDirectMemorySize=" + (frameworkOffHeapMb + taskOffHeapMb + networkMb) + "m",
                "-XX:MaxMetaspaceSize=" + metaspaceMb + "m");
    }

    /** The same as {@code -D key=value} arguments of {@code TaskManagerRunner}. */
    List<String> dynamicProperties() {
        List<String> args = new ArrayList<>();
        dynamic(args, "taskmanager.cpu.cores", Double.toString(cpuCores));
        dynamic(args, "taskmanager.memory.framework.heap.size", frameworkHeapMb + "m");
        dynamic(args, "taskmanager.memory.task.heap.size", taskHeapMb + "m");
        dynamic(args, "taskmanager.memory.managed.size", managedMb + "m");
        dynamic(args, "taskmanager.memory.framework.off-heap.size", frameworkOffHeapMb + "m");
        dynamic(args, "taskmanager.memory.task.off-heap.size", taskOffHeapMb + "m");
        dynamic(args, "taskmanager.memory.network.min", networkMb + "m");
        dynamic(args, "taskmanager.memory.network.max", networkMb + "m");
        dynamic(args, "taskmanager.memory.jvm-metaspace.size", metaspaceMb + "m");
        dynamic(args, "taskmanager.memory.jvm-overhead.min", overheadMb + "m");
        dynamic(args, "taskmanager.memory.jvm-overhead.max", overheadMb + "m");
        return args;
    }

    private static void dynamic(List<String> args, String key, String value) {
        args.add("-D");
        args.add(key + "=" + value);
    }
}
