package io.streamnlp.cli.cluster;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --work-dir}: where a cluster keeps configuration, data, checkpoints, logs and its status file. */
public final class ClusterDirectory {
    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "The cluster's directory (default: $STREAMNLP_HOME/cluster).")
    Path workDir;

    public Path path() {
        return (workDir != null ? workDir : streamnlpHome().resolve("cluster"))
                .toAbsolutePath()
                .normalize();
    }

    /** {@code $STREAMNLP_HOME}, default {@code ~/.streamnlp}. */
    public static Path streamnlpHome() {
        String home = System.getenv("STREAMNLP_HOME");
        return home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".streamnlp") : Path.of(home);
    }
}
