package io.streamnlp.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.Settings;
import io.streamnlp.flink.config.JobOptions;
import io.streamnlp.inference.bench.BenchmarkCorpus;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.InvalidOptionsException;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.training.bundle.DefaultBundle;
import io.streamnlp.training.heads.ProgressBar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code streamnlp bench pipeline}: Kafka to Flink to Kafka throughput, efficiency and latency. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        header = "Measure Kafka -> Flink -> Kafka throughput and latency against the bare inference limit.",
        description = {
            "Run Kafka -> Flink -> Kafka with the default bundle on the local stack and print one JSON object:",
            "pipeline throughput beside the bare inference limit and a naive per-record baseline, and latency at half load."
        })
final class PipelineBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "2000",
            description = "Events for the throughput run (default ${DEFAULT-VALUE}).")
    int events;

    @Option(
            names = "--naive-events",
            defaultValue = "200",
            description = "Events for the naive baseline (default ${DEFAULT-VALUE}).")
    int naiveEvents;

    @Option(
            names = "--limit-events",
            defaultValue = "2000",
            description = "Texts for the bare inference limit, the first of the corpus (default ${DEFAULT-VALUE}).")
    int limitEvents;

    @Option(
            names = "--latency-seconds",
            defaultValue = "20",
            description = "Length of the fixed-load latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--json", description = "Print the JSON object only (the default output).")
    boolean json;

    @Option(names = "--seed", defaultValue = "42", description = "Corpus seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--precision",
            paramLabel = "P",
            description = "Encoder precision of the job and the limit, fp32 or int8 (default: the CPU default).")
    String precision;

    @Option(names = "--progress", description = "Show each phase and the backlog run's progress on stderr.")
    boolean progress;

    @Option(
            names = "--checkpoint-interval-ms",
            paramLabel = "MS",
            description = "The job's checkpoint interval (default: the job's own, checkpoint.interval-ms). Each"
                    + " checkpoint flushes the batch being filled and waits for the model's passes in flight.")
    Long checkpointIntervalMs;

    /** Texts generated for the corpus; longer runs cycle through them, so a soak holds no more of them in memory. */
    private static final int MAX_CORPUS_TEXTS = 10_000;

    @Override
    public Integer call() throws Exception {
        if (events < 10 || naiveEvents < 1 || limitEvents < 1 || latencySeconds < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--events must be >= 10, --naive-events, --limit-events and --latency-seconds >= 1");
        }
        long checkpointInterval;
        try {
            // read through the job's own option: its default and its bounds
            Map<String, String> given = checkpointIntervalMs == null
                    ? Map.of()
                    : Map.of(JobOptions.CHECKPOINT_INTERVAL_MS.key(), checkpointIntervalMs.toString());
            checkpointInterval = new Settings(JobOptions.OWN, given).get(JobOptions.CHECKPOINT_INTERVAL_MS);
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint-interval-ms: " + e.getMessage());
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        InferenceOptions options;
        try {
            InferenceOptions.Builder b = InferenceOptions.builder()
                    .intraOpThreads(threads)
                    .interOpThreads(1)
                    .predictors(1);
            if (precision != null) {
                b.precision(Precision.parse(precision));
            }
            options = b.build();
        } catch (InvalidOptionsException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path registry = Files.createTempDirectory("streamnlp-bench-registry");
        try (LocalStack stack = LocalStack.start()) {
            ModelStore store = ModelStore.open(registry);
            ModelVersion model = DefaultBundle.ensure(store);
            List<String> texts = BenchmarkCorpus.generate(Math.min(events, MAX_CORPUS_TEXTS), seed);
            Map<String, String> job = Map.of(
                    "inference.intra-op-threads",
                    Integer.toString(threads),
                    "inference.precision",
                    options.precision().toString(),
                    "checkpoint.interval-ms",
                    Long.toString(checkpointInterval));
            ProgressBar bar = progress ? ProgressBar.stderr() : ProgressBar.silent();
            ObjectNode result = new PipelineBenchmark(stack, store.directory(model), job, options, bar)
                    .run(
                            texts,
                            new PipelineBenchmark.Settings(
                                    events, naiveEvents, limitEvents, Duration.ofSeconds(latencySeconds), seed));
            result.put("model", model.name() + ":" + model.version());
            result.put("checkpoint_interval_ms", checkpointInterval);
            System.out.println(result);
        }
        return 0;
    }
}
