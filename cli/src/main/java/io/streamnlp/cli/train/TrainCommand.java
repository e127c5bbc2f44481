package io.streamnlp.cli.train;

import io.streamnlp.finetune.job.FineTuneJob;
import io.streamnlp.finetune.job.FineTuneOutcome;
import io.streamnlp.finetune.job.FineTuneRequest;
import io.streamnlp.finetune.train.DevCurve;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.FineTuned;
import io.streamnlp.finetune.train.TrainingProgress;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.training.heads.ProgressBar;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.job.TaskType;
import io.streamnlp.training.job.TrainJob;
import io.streamnlp.training.job.TrainOutcome;
import io.streamnlp.training.job.TrainRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streamnlp train}: trains a head on the shared encoder, or with {@code --fine-tune} the encoder
 * and the head together, and registers the result. Prints the new version as {@code NAME:VERSION} on
 * stdout; progress and dev metrics go to stderr.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        header = "Train a classification or NER head (or fine-tune the encoder with it) and register the model.",
        description = {
            "Train a classification or NER head on the shared encoder and register it,",
            "or with --fine-tune the encoder together with the head.",
            "A new model becomes champion. For an existing model the new version is its",
            "champion's bundle with this task added or replaced, and is not promoted; a",
            "fine-tuned task there runs on its own encoder (docs/fine-tuning.md)."
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "classification or ner.")
    String task;

    @Option(
            names = "--train",
            required = true,
            paramLabel = "FILE",
            description = "Training data: text<TAB>label lines (classification) or token<TAB>tag CoNLL in IOB2 (ner).")
    Path train;

    @Option(
            names = "--dev",
            paramLabel = "FILE",
            description = "Dev data in the same format (default: a seeded tenth of --train is held out).")
    Path dev;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Model name in the registry.")
    String name;

    @Option(
            names = "--head",
            paramLabel = "TASK",
            description =
                    "Classification task name inside the bundle (default: the model's only task, else the model name).")
    String head;

    @Option(
            names = "--registry",
            paramLabel = "DIR",
            description =
                    "Registry directory (default: $STREAMNLP_HOME/registry, STREAMNLP_HOME defaulting to ~/.streamnlp).")
    Path registry;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = TrainingConfig.DEFAULT_SEED;

    @Mixin
    FineTuneOptions fineTune;

    @Mixin
    EncoderOptions encoder;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        TaskType taskType = TrainingCommands.task(cl, task, false);
        Path dir = TrainingCommands.registry(registry, System.getenv(), System.getProperty("user.home"));
        if (fineTune.enabled) {
            encoder.refuseWithFineTune(cl);
            FineTuneConfig config = fineTune.config(cl, seed);
            return TrainingCommands.run(cl, () -> {
                FineTuneRequest request = new FineTuneRequest(taskType, train, dev, name, head, config);
                FineTuneOutcome outcome = new FineTuneJob(
                                ModelStore.open(dir),
                                InferenceOptions.defaults(),
                                new TrainingProgress(new ProgressBar(cl.getErr(), System.console() != null)),
                                ProgressBar.stderr())
                        .run(request);
                FineTuned<?> t = outcome.training();
                cl.getErr().println(t.devCurve().line());
                return registered(
                        cl,
                        outcome.version(),
                        outcome.champion(),
                        outcome.task(),
                        outcome.metrics(),
                        String.format(
                                Locale.ROOT,
                                "; %d steps, %.1f examples/s, checkpoint of step %d%s",
                                t.steps(),
                                t.examplesPerSecond(),
                                t.bestStep(),
                                t.stoppedByTimeLimit() ? " (time limit)" : t.stoppedEarly() ? " (early stop)" : ""));
            });
        }
        fineTune.refuseSettings(cl);
        TrainRequest request = new TrainRequest(taskType, train, dev, name, head, seed, encoder.choice(cl));
        return TrainingCommands.run(cl, () -> {
            TrainOutcome outcome =
                    new TrainJob(ModelStore.open(dir), InferenceOptions.defaults(), ProgressBar.stderr()).run(request);
            return registered(cl, outcome.version(), outcome.champion(), outcome.task(), outcome.metrics(), "");
        });
    }

    /** The summary line on stderr and {@code NAME:VERSION} on stdout. */
    private static int registered(
            CommandLine cl,
            ModelVersion version,
            boolean champion,
            String task,
            Map<String, Double> metrics,
            String training) {
        StringBuilder summary = new StringBuilder(
                "registered " + version + (champion ? " as champion" : " (not promoted)") + training + "; dev");
        new TreeMap<>(metrics).forEach((key, value) -> {
            // the dev curve has its own line
            if (key.startsWith(task + ".") && !key.startsWith(task + "." + DevCurve.METRIC + ".")) {
                summary.append(String.format(Locale.ROOT, " %s=%.4f", key.substring(task.length() + 1), value));
            }
        });
        cl.getErr().println(summary);
        cl.getErr().flush();
        cl.getOut().println(version.name() + ":" + version.version());
        cl.getOut().flush();
        return 0;
    }
}
