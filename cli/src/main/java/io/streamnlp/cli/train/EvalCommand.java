package io.streamnlp.cli.train;

import io.streamnlp.inference.runtime.InferenceOptions;
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

    @Option(names = "--quiet", description = "No progress bar on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        EvalRequest request = new EvalRequest(TrainingCommands.task(cl, task, true), model, test, head);
        Path dir = TrainingCommands.registry(registry, System.getenv(), System.getProperty("user.home"));
        ProgressListener progress = quiet ? ProgressListener.NONE : ProgressBar.stderr();
        return TrainingCommands.run(cl, () -> {
            String result = new EvalJob(ModelStore.open(dir), InferenceOptions.defaults(), progress)
                    .run(request)
                    .toString();
            cl.getOut().println(result);
            cl.getOut().flush();
            return 0;
        });
    }
}
