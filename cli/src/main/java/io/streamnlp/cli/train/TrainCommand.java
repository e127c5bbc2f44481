package io.streamnlp.cli.train;

import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.training.heads.ProgressBar;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.job.TrainJob;
import io.streamnlp.training.job.TrainOutcome;
import io.streamnlp.training.job.TrainRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streamnlp train}: trains a head on the shared encoder and registers it. Prints the new
 * version as {@code NAME:VERSION} on stdout; progress and dev metrics go to stderr.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a classification or NER head on the shared encoder and register it.",
                "A new model becomes champion. For an existing model the new version is its champion's",
                "bundle with this task added or replaced, and is not promoted."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "classification or ner.")
    String task;

    @Option(names = "--train", required = true, paramLabel = "FILE",
            description = "Training data: text<TAB>label lines (classification) or token<TAB>tag CoNLL in IOB2 (ner).")
    Path train;

    @Option(names = "--dev", paramLabel = "FILE",
            description = "Dev data in the same format (default: a seeded tenth of --train is held out).")
    Path dev;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Model name in the registry.")
    String name;

    @Option(names = "--head", paramLabel = "TASK",
            description = "Classification task name inside the bundle (default: the model's only task, else the model name).")
    String head;

    @Option(names = "--registry", paramLabel = "DIR",
            description = "Registry directory (default: $STREAMNLP_HOME/registry, STREAMNLP_HOME defaulting to ~/.streamnlp).")
    Path registry;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = TrainingConfig.DEFAULT_SEED;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        TrainRequest request = new TrainRequest(TrainingCommands.task(cl, task, false), train, dev, name, head, seed);
        Path dir = TrainingCommands.registry(registry, System.getenv(), System.getProperty("user.home"));
        return TrainingCommands.run(cl, () -> {
            TrainOutcome outcome = new TrainJob(ModelStore.open(dir), InferenceOptions.defaults(), ProgressBar.stderr())
                    .run(request);
            StringBuilder summary = new StringBuilder("registered " + outcome.version()
                    + (outcome.champion() ? " as champion" : " (not promoted)") + "; dev");
            new TreeMap<>(outcome.metrics()).forEach((key, value) -> {
                if (key.startsWith(outcome.task() + ".")) {
                    summary.append(String.format(Locale.ROOT, " %s=%.4f", key.substring(outcome.task().length() + 1), value));
                }
            });
            cl.getErr().println(summary);
            cl.getErr().flush();
            cl.getOut().println(outcome.version().name() + ":" + outcome.version().version());
            cl.getOut().flush();
            return 0;
        });
    }
}
