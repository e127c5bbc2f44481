package io.streamnlp.cli.cluster;

import io.streamnlp.config.CommonOptions;
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
        return (workDir != null ? workDir : CommonOptions.streamnlpHome().resolve("cluster"))
                .toAbsolutePath()
                .normalize();
    }
}
