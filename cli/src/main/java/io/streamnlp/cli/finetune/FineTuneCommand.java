package io.streamnlp.cli.finetune;

import io.streamnlp.cli.StreamNlp;
import io.streamnlp.finetune.job.FineTuneJob;
import io.streamnlp.finetune.job.FineTuneOutcome;
import io.streamnlp.finetune.job.FineTuneRequest;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.FineTunedClassifier;
import io.streamnlp.finetune.train.TrainingProgress;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.InvalidNameException;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.heads.ProgressBar;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streamnlp fine-tune}: fine-tunes the encoder together with a classification head and
 * registers the result. Prints the new version as {@code NAME:VERSION} on stdout; progress, speed and
 * dev metrics go to stderr.
 */
@Command(name = "fine-tune", mixinStandardHelpOptions = true,
        description = {"Fine-tune all-MiniLM-L6-v2 together with a classification head (DJL, PyTorch engine, CPU)",
                "and register the result as a bundle with its own encoder, served by ONNX Runtime.",
                "A new model becomes champion; a new version of an existing model records its champion as",
                "parent and is not promoted."})
public final class FineTuneCommand implements Callable<Integer> {

    static final int EXIT_FAILURE = 1;
    private static final FineTuneConfig DEFAULTS = FineTuneConfig.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "classification (the only task fine-tuned so far).")
    String task;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training data: text<TAB>label lines.")
    Path train;

    @Option(names = "--dev", paramLabel = "FILE",
            description = "Dev data in the same format; chooses the checkpoint (default: a seeded tenth of --train).")
    Path dev;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Model name in the registry.")
    String name;

    @Option(names = "--head", paramLabel = "TASK",
            description = "Classification task name inside the bundle (default: the model name, else 'classification').")
    String head;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Optimizer steps at most, also the length of the learning-rate schedule (default: all epochs).")
    int maxSteps = DEFAULTS.maxSteps();

    @Option(names = "--lr", paramLabel = "X", description = "Encoder learning rate (default: ${DEFAULT-VALUE}).")
    float lr = DEFAULTS.learningRate();

    @Option(names = "--head-lr", paramLabel = "X", description = "Head learning rate (default: ${DEFAULT-VALUE}).")
    float headLr = DEFAULTS.headLearningRate();

    @Option(names = "--batch", paramLabel = "N", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = "--max-length", paramLabel = "N", description = "Tokens per text (default: ${DEFAULT-VALUE}).")
    int maxLength = DEFAULTS.maxLength();

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "Stop training after S seconds and keep the best checkpoint so far (default: no limit).")
    long maxSeconds = DEFAULTS.maxSeconds();

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Evaluate on dev every N steps (default: once per epoch and at the end).")
    int evalEvery = DEFAULTS.evalEverySteps();

    @Option(names = "--registry", paramLabel = "DIR",
            description = "Registry directory (default: $STREAMNLP_HOME/registry, STREAMNLP_HOME defaulting to ~/.streamnlp).")
    Path registry;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed: dev split, head initialisation, data order (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (!"classification".equals(task)) {
            throw new CommandLine.ParameterException(cl, "--task must be classification, got '" + task + "'");
        }
        FineTuneConfig config;
        try {
            config = new FineTuneConfig(epochs, maxSteps, batch, lr, headLr, DEFAULTS.warmupFraction(),
                    DEFAULTS.maxGradNorm(), maxSeconds, evalEvery, maxLength, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        FineTuneRequest request = new FineTuneRequest(train, dev, name, head, config);
        Path dir = registry(registry, System.getenv(), System.getProperty("user.home"));
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        try {
            FineTuneOutcome outcome = new FineTuneJob(ModelStore.open(dir), InferenceOptions.defaults(),
                    TrainingProgress.stderr(), ProgressBar.stderr()).run(request);
            FineTunedClassifier t = outcome.training();
            StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
                    "registered %s%s; %d steps, %.1f examples/s, checkpoint of step %d%s; dev",
                    outcome.version(), outcome.champion() ? " as champion" : " (not promoted)", t.steps(),
                    t.examplesPerSecond(), t.bestStep(), t.stoppedByTimeLimit() ? " (time limit)" : ""));
            for (Map.Entry<String, Double> e : new TreeMap<>(outcome.metrics()).entrySet()) {
                summary.append(String.format(Locale.ROOT, " %s=%.4f", e.getKey().substring(outcome.task().length() + 1), e.getValue()));
            }
            err.println(summary);
            err.flush();
            cl.getOut().println(outcome.version().name() + ":" + outcome.version().version());
            cl.getOut().flush();
            return 0;
        } catch (DatasetFormatException | InvalidNameException | IllegalArgumentException | ModelNotFoundException e) {
            err.println(command + ": " + e.getMessage());
            err.flush();
            return StreamNlp.EXIT_USAGE;
        } catch (Exception e) {
            err.println(command + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /** {@code --registry}, else {@code $STREAMNLP_HOME/registry}, {@code STREAMNLP_HOME} defaulting to {@code ~/.streamnlp}. */
    static Path registry(Path option, Map<String, String> env, String userHome) {
        if (option != null) {
            return option;
        }
        String home = env.get("STREAMNLP_HOME");
        Path base = home == null || home.isBlank() ? Path.of(userHome, ".streamnlp") : Path.of(home);
        return base.resolve("registry");
    }
}
