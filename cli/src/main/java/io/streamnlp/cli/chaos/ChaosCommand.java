package io.streamnlp.cli.chaos;

import io.streamnlp.bundle.FileTrees;
import io.streamnlp.cli.cluster.JobOnCluster;
import io.streamnlp.cluster.ClusterSpec;
import io.streamnlp.cluster.TaskManagerResources;
import io.streamnlp.config.CommonOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streamnlp chaos}: the exactly-once audit on a real cluster under kill -9, broker loss, a stalled
 * schema registry and a model swap. Exit code 0 when every event is in the output exactly once, 1 otherwise.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        header = "Audit exactly-once on a local cluster while killing its processes.",
        description = {
            "Run the job on a fresh local cluster (docs/deployment.md), inject faults while events flow,",
            "and audit exactly-once under read_committed. Exit code 1 when an event is missing or duplicated."
        })
public final class ChaosCommand implements Callable<Integer> {
    static final int EXIT_NOT_EXACTLY_ONCE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "2400",
            description = "Events to produce, each with a unique id (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", defaultValue = "20", description = "Events per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Job parallelism, 1 or 2 (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--faults",
            defaultValue = "taskmanager,broker,registry,swap",
            split = ",",
            description = "Faults to inject: taskmanager, broker, registry, swap, or none (default ${DEFAULT-VALUE}).")
    List<String> faults;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(
            names = "--drain-timeout",
            defaultValue = "300",
            description = "Seconds to wait for the output after the last event (default ${DEFAULT-VALUE}).")
    int drainTimeoutSeconds;

    @Option(
            names = "--job-jar",
            paramLabel = "JAR",
            description = "The shaded job jar (default: the one the build made).")
    Path jobJar;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description =
                    "The run's cluster directory (default: a fresh one under $STREAMNLP_HOME/chaos, deleted after a passing run).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || rate < 1 || rate > 10_000) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--events must be positive and --rate between 1 and 10000");
        }
        if (parallelism < 1 || parallelism > 2) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--parallelism must be 1 or 2, got " + parallelism);
        }
        Set<Fault> selected = parseFaults();
        boolean freshDir = workDir == null;
        Path dir = freshDir ? freshDirectory() : workDir;
        ClusterSpec cluster =
                new ClusterSpec(dir, CommonOptions.streamnlpHome(), 2, 2, 0, TaskManagerResources.laptop());
        ChaosRun run = new ChaosRun(
                cluster,
                jobJar != null ? jobJar : JobOnCluster.builtJobJar(),
                events,
                rate,
                parallelism,
                selected,
                Duration.ofSeconds(drainTimeoutSeconds),
                line -> System.err.println("chaos: " + line));
        ChaosReport report = run.run();
        if (json) {
            System.out.println(report.toJson());
        } else {
            System.out.println(report.toJson().toPrettyString());
        }
        if (report.passed()) {
            if (freshDir) {
                FileTrees.deleteRecursively(dir);
            }
            return 0;
        }
        System.err.println("chaos: NOT exactly once; the cluster's logs are in " + dir.resolve("logs"));
        return EXIT_NOT_EXACTLY_ONCE;
    }

    private Set<Fault> parseFaults() {
        Set<Fault> selected = EnumSet.noneOf(Fault.class);
        List<String> unknown = new ArrayList<>();
        for (String name : faults) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals("none") || n.isEmpty()) {
                continue;
            }
            try {
                selected.add(Fault.valueOf(n.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "unknown fault(s) " + unknown + "; choose from taskmanager, broker, registry, swap, none");
        }
        return selected;
    }

    private static Path freshDirectory() throws IOException {
        Path base = CommonOptions.streamnlpHome().resolve("chaos");
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "run-");
    }
}
