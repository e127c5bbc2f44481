package io.streamnlp.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status file ({@value #FILE_NAME} in the cluster's directory): the addresses of a running cluster
 * and the pid of each of its processes, so that another command can report on it and stop it.
 */
public record ClusterStatus(
        String workDir, String flinkRestUrl, String bootstrapServers, String schemaRegistryUrl, List<Entry> processes) {
    public static final String FILE_NAME = "cluster.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One process: its name in the cluster, pid and log. */
    public record Entry(String name, long pid, String log) {
        /** The live process with this pid, if it is still one of this cluster's (pids are reused). */
        Optional<ProcessHandle> handle(Path workDir) {
            String marker = JvmLauncher.marker(workDir);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h ->
                            h.info().commandLine().map(c -> c.contains(marker)).orElse(false));
        }

        public boolean isAlive(Path workDir) {
            return handle(workDir).isPresent();
        }
    }

    public static Optional<ClusterStatus> read(Path workDir) {
        Path file = workDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ClusterStatus.class));
        } catch (IOException e) {
            throw new ClusterException("cannot read " + file + ": " + e, e);
        }
    }

    void write() {
        Path file = Path.of(workDir).resolve(FILE_NAME);
        try {
            Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Stops every listed process that is still this cluster's (SIGTERM, then SIGKILL), Flink first, the
     * registry last, and deletes the status file; returns the names of the processes it stopped.
     */
    public List<String> stop(Duration grace) {
        Path dir = Path.of(workDir);
        List<String> stopped = new ArrayList<>();
        List<Entry> order = new ArrayList<>(processes);
        java.util.Collections.reverse(order);
        for (Entry entry : order) {
            entry.handle(dir).ifPresent(h -> {
                new ManagedProcess(entry.name(), h, Path.of(entry.log())).stop(grace);
                stopped.add(entry.name());
            });
        }
        try {
            Files.deleteIfExists(dir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stopped;
    }
}
