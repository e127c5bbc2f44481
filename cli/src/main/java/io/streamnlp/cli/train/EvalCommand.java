package io.streamnlp.cli.train;

import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.InvalidOptionsException;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.training.eval.EvalJob;
import io.streamnlp.training.eval.EvalRequest;
import io.streamnlp.training.heads.ProgressBar;
import io.streamnlp.training.heads.ProgressListener;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code streamnlp eval}: scores a registered model on a test file and prints one JSON object. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Score a registered model on test data (classification, ner or summarization).")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--task",
            required = true,
            paramLabel = "TASK",
            description = "classification, ner or summarization.")
    String task;

    @Option(
            names = "--model",
            paramLabel = "REF",
            defaultValue = "default",
            description = "Model: NAME (its champion), NAME@ALIAS or NAME:VERSION (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--head",
            paramLabel = "TASK",
            description =
                    "Classification task to score when the model has several (e.g. category of the default model).")
    String head;

    @Option(
            names = "--test",
            required = true,
            paramLabel = "FILE",
            description =
                    "Test data: TSV (classification), CoNLL (ner) or JSONL {\"document\",\"summary\"} (summarization).")
    Path test;

    @Option(names = "--json", description = "Print the scores as one JSON object (the only output format).")
    boolean json;

    @Option(
            names = "--registry",
            paramLabel = "DIR",
            description =
                    "Registry directory (default: $STREAMNLP_HOME/registry, STREAMNLP_HOME defaulting to ~/.streamnlp).")
    Path registry;

    @Option(
            names = "--precision",
            paramLabel = "P",
            description = "Encoder precision to score at: fp32 or int8 (default: the CPU default). At int8 the"
                    + " output adds the fp32 scores on the same data and delta_vs_fp32.")
    String precision;

    @Option(names = "--quiet", description = "No progress bar on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        EvalRequest request = new EvalRequest(TrainingCommands.task(cl, task, true), model, test, head);
        Path dir = TrainingCommands.registry(registry, System.getenv(), System.getProperty("user.home"));
        ProgressListener progress = quiet ? ProgressListener.NONE : ProgressBar.stderr();
        InferenceOptions options = InferenceOptions.defaults();
        if (precision != null) {
            try {
                options = options.withPrecision(Precision.parse(precision));
            } catch (InvalidOptionsException e) {
                throw new ParameterException(cl, "--precision: " + e.getMessage());
            }
        }
        InferenceOptions chosen = options;
        return TrainingCommands.run(cl, () -> {
            String result = new EvalJob(ModelStore.open(dir), chosen, progress)
                    .run(request)
                    .toString();
            cl.getOut().println(result);
            cl.getOut().flush();
            return 0;
        });
    }
}
