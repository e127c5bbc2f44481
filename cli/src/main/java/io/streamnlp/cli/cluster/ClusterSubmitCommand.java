package io.streamnlp.cli.cluster;

import io.streamnlp.cluster.ClusterStatus;
import io.streamnlp.cluster.FlinkRest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Submits the shaded job jar through the REST API with the job.properties that {@code cluster up} wrote. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description =
                "Upload the shaded job jar and run the enrichment job on the cluster (POST /jars/upload, /jars/{id}/run).")
final class ClusterSubmitCommand implements Callable<Integer> {
    @Mixin
    ClusterDirectory directory;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--job-jar",
            paramLabel = "JAR",
            description = "The shaded job jar (default: the one the build made).")
    Path jobJar;

    @Override
    public Integer call() {
        Path workDir = directory.path();
        ClusterStatus status = ClusterStatus.read(workDir)
                .orElseThrow(() -> new IllegalStateException(
                        "no cluster in " + workDir + "; start one with streamnlp cluster up"));
        String jobId = JobOnCluster.submit(
                new FlinkRest(status.flinkRestUrl()),
                jobJar != null ? jobJar : JobOnCluster.builtJobJar(),
                workDir.resolve(JobOnCluster.PROPERTIES_FILE),
                parallelism);
        System.out.println(
                "job " + jobId + " submitted: " + status.flinkRestUrl() + "/#/job/running/" + jobId + "/overview");
        return 0;
    }
}
