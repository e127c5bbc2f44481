package io.streamnlp.cli.train;

import io.streamnlp.cli.StreamNlp;
import io.streamnlp.registry.InvalidModelException;
import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.job.TaskType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** What {@code train} and {@code eval} share: the registry location, task parsing and how failures end. */
final class TrainingCommands {
    static final int EXIT_FAILURE = 1;

    private TrainingCommands() {}

    /** {@code --registry}, else {@code $STREAMNLP_HOME/registry}, {@code STREAMNLP_HOME} defaulting to {@code ~/.streamnlp}. */
    static Path registry(Path option, Map<String, String> env, String userHome) {
        if (option != null) {
            return option;
        }
        String home = env.get("STREAMNLP_HOME");
        Path base = home == null || home.isBlank() ? Path.of(userHome, ".streamnlp") : Path.of(home);
        return base.resolve("registry");
    }

    static TaskType task(CommandLine cl, String value, boolean summarizationAllowed) {
        for (TaskType t : TaskType.values()) {
            if (t.cliName().equals(value) && (summarizationAllowed || t != TaskType.SUMMARIZATION)) {
                return t;
            }
        }
        throw new CommandLine.ParameterException(
                cl,
                "--task must be "
                        + (summarizationAllowed ? "classification, ner or summarization" : "classification or ner")
                        + ", got '" + value + "'");
    }

    /**
     * Runs the work; bad data or a bad model reference is one line on stderr and exit code 2, a
     * failure of the work itself one line and exit code 1. Nothing is registered in either case.
     */
    static int run(CommandLine cl, Work work) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        try {
            return work.run();
        } catch (DatasetFormatException | InvalidNameException | IllegalArgumentException | ModelNotFoundException e) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return StreamNlp.EXIT_USAGE;
        } catch (InvalidModelException e) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return EXIT_FAILURE;
        } catch (Exception e) {
            err.println(name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.flush();
            return EXIT_FAILURE;
        }
    }

    @FunctionalInterface
    interface Work {
        int run() throws Exception;
    }
}
