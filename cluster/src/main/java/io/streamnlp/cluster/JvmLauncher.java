package io.streamnlp.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Starts the cluster's JVMs. The class path travels in the {@code CLASSPATH} environment variable, not on
 * the command line: ONNX Runtime's native code reads {@code /proc/self/cmdline} and long command lines are
 * a hazard (docs/deployment.md). Every JVM carries {@code -Dstreamnlp.cluster=<work dir>}, so that
 * {@code cluster down} stops only processes of its own cluster even when pids have been reused.
 */
final class JvmLauncher {
    static final String MARKER_PROPERTY = "streamnlp.cluster";
    private static final Properties BUILD = buildProperties();

    private final Path clusterDir;

    JvmLauncher(Path clusterDir) {
        this.clusterDir = clusterDir;
    }

    /** {@code -Dstreamnlp.cluster=<dir>}: what {@link ClusterStatus} looks for before it stops a pid. */
    static String marker(Path clusterDir) {
        return "-D" + MARKER_PROPERTY + "=" + clusterDir.toAbsolutePath();
    }

    /**
     * Starts {@code java <jvmOptions> <marker> <mainAndArgs...>} with its output appended to
     * {@code logs/<name>.log}; {@code classPath} may be null for {@code -jar}.
     */
    ManagedProcess start(String name, String classPath, List<String> jvmOptions, List<String> mainAndArgs) {
        return new ManagedProcess(
                name, launch(name, classPath, jvmOptions, mainAndArgs).toHandle(), logFile(name));
    }

    /** Runs a short-lived JVM (a tool) to completion; its output goes to {@code logs/<name>.log}. */
    void run(String name, String classPath, List<String> jvmOptions, List<String> mainAndArgs) {
        Process tool = launch(name, classPath, jvmOptions, mainAndArgs);
        try {
            if (!tool.waitFor(2, TimeUnit.MINUTES)) {
                tool.destroyForcibly();
                throw new ClusterException(name + " did not finish within 2 minutes; see " + logFile(name));
            }
        } catch (InterruptedException e) {
            tool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while running " + name, e);
        }
        if (tool.exitValue() != 0) {
            throw new ClusterException(name + " exited with " + tool.exitValue() + "; see " + logFile(name));
        }
    }

    private Path logFile(String name) {
        return clusterDir.resolve("logs").resolve(name + ".log");
    }

    private Process launch(String name, String classPath, List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add(marker(clusterDir));
        command.addAll(mainAndArgs);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(clusterDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("CLASSPATH");
        if (classPath != null) {
            builder.environment().put("CLASSPATH", classPath);
        }
        try {
            Files.createDirectories(logFile(name).getParent());
            builder.redirectOutput(
                    ProcessBuilder.Redirect.appendTo(logFile(name).toFile()));
            return builder.start();
        } catch (IOException e) {
            throw new ClusterException("cannot start " + name + " (" + String.join(" ", command) + "): " + e, e);
        }
    }

    /** The class path the build resolved for {@code key} ({@code flink} or {@code kafka}). */
    static String classPath(String key) {
        String file = BUILD.getProperty(key + ".classpath.file");
        if (file == null || file.contains("${")) {
            throw new ClusterException("this build wrote no " + key + " class path (cluster.properties is unfiltered)");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new ClusterException(
                    path + " is missing: build the cluster module first" + " (./mvnw -pl cli -am package -DskipTests)");
        }
        try {
            return Files.readString(path).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ClusterException("no free port on 127.0.0.1: " + e, e);
        }
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = JvmLauncher.class.getResourceAsStream("cluster.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
