package io.streamnlp.cli.bench;

import io.streamnlp.bundle.FileTrees;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.Settings;
import io.streamnlp.inference.bench.BenchmarkCorpus;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.server.ServerConfig;
import io.streamnlp.server.ServerOptions;
import io.streamnlp.server.bench.ApiBenchmark;
import io.streamnlp.server.bench.ApiBenchmarkReport;
import io.streamnlp.training.bundle.DefaultBundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamnlp bench api}: the enrichment HTTP API on the default model, in this process on a loopback port,
 * driven by concurrent clients over the benchmark corpus, against the same bundle's inference limit.
 */
@Command(
        name = "api",
        mixinStandardHelpOptions = true,
        description = "Throughput and latency of the enrichment HTTP API against the inference limit of its model.")
final class ApiBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of one line per figure.")
    boolean json;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "16",
            description = "Concurrent clients, one text per request (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(
            names = "--texts",
            paramLabel = "N",
            defaultValue = "800",
            description = "Corpus size (default: ${DEFAULT-VALUE}).")
    int texts;

    @Option(names = "--seed", defaultValue = "42", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "ONNX Runtime intra-op threads (default: min(cores, 4)).")
    Integer threads;

    @Option(
            names = "--max-batch-tokens",
            paramLabel = "N",
            description = "batch.max-tokens of the server (default: its default).")
    Integer maxBatchTokens;

    @Option(
            names = "--max-delay-ms",
            paramLabel = "MS",
            description = "batch.max-delay-ms of the server (default: its default).")
    Long maxDelayMs;

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || texts < ApiBenchmark.ROUNDS * clients) {
            throw new ParameterException(
                    spec.commandLine(),
                    "need --clients >= 1 and --texts >= " + ApiBenchmark.ROUNDS + " x --clients (one round each)");
        }
        Path registry = Files.createTempDirectory("streamnlp-bench-registry");
        try {
            ServerConfig config = config(registry);
            ModelStore store = ModelStore.open(registry);
            ModelVersion model = DefaultBundle.ensure(store);
            ApiBenchmarkReport report = ApiBenchmark.run(
                    config,
                    store.directory(model),
                    model.name() + ":" + model.version(),
                    BenchmarkCorpus.generate(texts, seed),
                    clients);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(report.toJson());
            } else {
                out.printf("model / threads        %s / %d%n", report.model(), report.threads());
                out.printf("clients / texts        %d / %d%n", report.clients(), report.texts());
                out.printf(
                        "API                    %.1f texts/s, p50 %.1f ms, p99 %.1f ms%n",
                        report.tps(), report.p50Ms(), report.p99Ms());
                out.printf(
                        "inference limit        %.1f texts/s (efficiency %.2f)%n",
                        report.inferenceLimitTps(), report.efficiency());
                out.printf(
                        "at half the throughput %.1f texts/s, p99 %.1f ms%n",
                        report.halfLoadTps(), report.halfLoadP99Ms());
            }
            out.flush();
            return 0;
        } finally {
            FileTrees.deleteRecursively(registry);
        }
    }

    private ServerConfig config(Path registry) {
        Map<String, String> settings = new HashMap<>();
        settings.put(ServerOptions.PORT.key(), "0");
        settings.put("model.registry.dir", registry.toString());
        settings.put(ServerOptions.MODEL_REF.key(), DefaultBundle.MODEL + "@champion");
        if (threads != null) {
            settings.put("inference.intra-op-threads", threads.toString());
        }
        if (maxBatchTokens != null) {
            settings.put(ServerOptions.BATCH_MAX_TOKENS.key(), maxBatchTokens.toString());
        }
        if (maxDelayMs != null) {
            settings.put(ServerOptions.BATCH_MAX_DELAY_MS.key(), maxDelayMs.toString());
        }
        try {
            return ServerConfig.of(new Settings(ServerOptions.ALL, settings), Map.of());
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
