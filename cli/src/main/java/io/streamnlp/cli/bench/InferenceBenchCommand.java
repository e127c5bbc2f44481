package io.streamnlp.cli.bench;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.FileTrees;
import io.streamnlp.bundle.HfExportBundle;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.bench.BenchmarkReport;
import io.streamnlp.inference.bench.InferenceBenchmark;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.ComputeDevice;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.InvalidOptionsException;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.training.bench.EncoderComparison;
import io.streamnlp.training.bundle.DefaultBundle;
import io.streamnlp.training.bundle.RecordedPrecisionDeltas;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TrainDevSplit;
import io.streamnlp.training.heads.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamnlp bench inference}: throughput of the inference pipeline on a generated corpus of
 * mixed-length texts. Without {@code --bundle} it measures the default model ({@code "heads": "default"}).
 * With {@code --encoder} it compares built-in encoders instead ({@link EncoderComparison}).
 */
@Command(
        name = "inference",
        mixinStandardHelpOptions = true,
        description = "Throughput of one task vs all tasks and of batch size 1 vs fixed vs token-budget batches;"
                + " with --encoder, built-in encoders side by side (texts/s, dev quality).")
final class InferenceBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of one line per figure.")
    boolean json;

    @Option(
            names = "--bundle",
            paramLabel = "DIR",
            description = "Model bundle or Hugging Face export to measure (default: the default model).")
    Path bundle;

    @Option(
            names = "--texts",
            paramLabel = "N",
            defaultValue = "400",
            description = "Corpus size (default: ${DEFAULT-VALUE}).")
    int texts;

    @Option(names = "--seed", defaultValue = "42", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "ONNX Runtime intra-op threads (default: min(cores, 4)).")
    Integer threads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(
            names = "--precision",
            paramLabel = "P",
            description = "Encoder precision, fp32 or int8 (default: the CPU default); the same bundle at fp32 is"
                    + " measured beside it.")
    String precision;

    @Option(names = "--progress", description = "Show each measurement on stderr as it starts.")
    boolean progress;

    @Option(
            names = "--max-batch-tokens",
            paramLabel = "N",
            defaultValue = "2048",
            description = "Padded tokens per token-budget batch (default: ${DEFAULT-VALUE}).")
    int maxBatchTokens;

    @Option(
            names = "--encoder",
            split = ",",
            paramLabel = "NAME[:POOLING]",
            description = "Compare built-in encoders side by side instead (texts/s, and dev quality with --train),"
                    + " e.g. all-minilm-l6-v2,bge-small-en-v15,bge-small-en-v15:mean.")
    List<String> encoders;

    @Option(
            names = "--train",
            paramLabel = "FILE",
            description = "With --encoder: text<TAB>label data to train a head on per encoder, for its dev accuracy.")
    Path train;

    @Option(
            names = "--dev",
            paramLabel = "FILE",
            description = "With --encoder --train: dev data (default: a seeded tenth of --train is held out).")
    Path dev;

    @Override
    public Integer call() throws IOException {
        InferenceOptions options = options();
        InferenceBenchmark.Settings defaults = InferenceBenchmark.Settings.defaults();
        BatcherConfig batcher;
        InferenceBenchmark.Settings settings;
        try {
            BatcherConfig d = defaults.batcher();
            batcher = new BatcherConfig(
                    maxBatchTokens, d.maxBatchSize(), d.maxWaitMillis(), d.capacity(), d.bucketBounds());
            if (texts < 1) {
                throw new InvalidOptionsException("--texts must be >= 1, got " + texts);
            }
            settings = new InferenceBenchmark.Settings(
                    texts, seed, defaults.fixedBatchSize(), batcher, defaults.bareTexts());
        } catch (InvalidOptionsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ProgressBar bar = progress ? ProgressBar.stderr() : ProgressBar.silent();
        Consumer<String> phases = phase -> bar.message("bench inference: " + phase);
        if (encoders != null) {
            return compareEncoders(options, settings, bar, phases);
        }
        if (train != null || dev != null) {
            throw new ParameterException(spec.commandLine(), "--train and --dev go with --encoder");
        }
        BenchmarkReport report = bundle != null
                ? measureBundle(options, settings, phases)
                : measureDefault(options, settings, bar, phases);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            printLines(report, out);
        }
        out.flush();
        return 0;
    }

    private int compareEncoders(
            InferenceOptions options, InferenceBenchmark.Settings settings, ProgressBar bar, Consumer<String> phases) {
        if (bundle != null) {
            throw new ParameterException(spec.commandLine(), "--encoder compares built-in encoders; drop --bundle");
        }
        List<EncoderComparison.Candidate> candidates = new ArrayList<>();
        for (String encoder : encoders) {
            try {
                candidates.add(EncoderComparison.Candidate.parse(encoder));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--encoder: " + e.getMessage());
            }
        }
        EncoderComparison.Data data = null;
        if (train != null) {
            try {
                TrainDevSplit<LabeledText> split = TrainDevSplit.of(
                        ClassificationTsv.read(train),
                        dev == null ? null : ClassificationTsv.read(dev),
                        seed,
                        2,
                        train,
                        "examples");
                data = new EncoderComparison.Data(train.getFileName().toString(), split.train(), split.dev());
            } catch (DatasetFormatException | IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        } else if (dev != null) {
            throw new ParameterException(spec.commandLine(), "--dev needs --train");
        }
        EncoderComparison.Report report = EncoderComparison.run(
                candidates, options, settings.texts(), seed, settings.batcher(), data, bar, phases);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            out.printf(
                    "device / threads / precision  %s / %d / %s; %d texts%s%n",
                    report.device(),
                    report.threads(),
                    report.precision(),
                    report.texts(),
                    data == null ? "" : "; dev: " + report.devN() + " examples of " + report.data());
            out.printf(
                    "%-18s %-7s %7s %9s %7s %8s %8s%n",
                    "encoder", "pooling", "max_len", "texts/s", "tokens", "dev_acc", "dev_f1");
            for (EncoderComparison.Row r : report.encoders()) {
                out.printf(
                        Locale.ROOT,
                        "%-18s %-7s %7d %9.1f %7.1f %8s %8s%n",
                        r.encoder(),
                        r.pooling(),
                        r.maxLength(),
                        r.textsPerSecond(),
                        r.tokensMean(),
                        r.devAccuracy() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.devAccuracy()),
                        r.devMacroF1() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.devMacroF1()));
            }
        }
        out.flush();
        return 0;
    }

    private InferenceOptions options() {
        try {
            InferenceOptions.Builder b = InferenceOptions.builder().device(ComputeDevice.parse(device));
            if (precision != null) {
                b.precision(Precision.parse(precision));
            }
            if (threads != null) {
                b.intraOpThreads(threads);
            }
            return b.build();
        } catch (InvalidOptionsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private BenchmarkReport measureBundle(
            InferenceOptions options, InferenceBenchmark.Settings settings, Consumer<String> phases) {
        if (!Files.isRegularFile(bundle.resolve(BundleManifest.FILE_NAME)) && !HfExportBundle.isExport(bundle)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--bundle " + bundle + ": no " + BundleManifest.FILE_NAME + " or Hugging Face export there");
        }
        // no recorded quality change for an arbitrary bundle, except that fp32 changes nothing
        return measure(bundle, options, settings, "bundle", bundle.toString(), phases)
                .withQualityDeltaMax(options.precision() == Precision.FP32 ? 0.0 : null);
    }

    /** The default model, registered from its cached build into a throw-away registry. */
    private BenchmarkReport measureDefault(
            InferenceOptions options, InferenceBenchmark.Settings settings, ProgressBar bar, Consumer<String> phases)
            throws IOException {
        Path registry = Files.createTempDirectory("streamnlp-bench-registry");
        try {
            ModelStore store = ModelStore.open(registry);
            ModelVersion model = DefaultBundle.ensure(store, options, bar);
            return measure(
                            store.directory(model),
                            options,
                            settings,
                            "default",
                            model.name() + ":" + model.version(),
                            phases)
                    .withQualityDeltaMax(
                            RecordedPrecisionDeltas.max(RecordedPrecisionDeltas.defaultBundle(options.precision())));
        } finally {
            FileTrees.deleteRecursively(registry);
        }
    }

    /** The bundle at the options' precision and, side by side when that is not fp32, at fp32. */
    private static BenchmarkReport measure(
            Path dir,
            InferenceOptions options,
            InferenceBenchmark.Settings settings,
            String heads,
            String name,
            Consumer<String> phases) {
        try (NlpPipeline pipeline = NlpPipeline.load(dir, options)) {
            if (options.precision() == Precision.FP32) {
                return InferenceBenchmark.run(pipeline, pipeline, options, settings, heads, name, phases);
            }
            try (NlpPipeline fp32 = NlpPipeline.load(dir, options.withPrecision(Precision.FP32))) {
                return InferenceBenchmark.run(pipeline, fp32, options, settings, heads, name, phases);
            }
        }
    }

    private static void printLines(BenchmarkReport r, PrintWriter out) {
        out.printf("heads                  %s (%s)%n", r.heads(), r.bundle());
        out.printf("device / threads       %s / %d%n", r.device(), r.threads());
        out.printf(
                "precision              %s: multi task %.1f texts/s vs fp32 %.1f (speed-up %.2f, quality delta max %s)%n",
                r.precision(),
                r.multiTaskTps(),
                r.fp32MultiTaskTps(),
                r.speedupVsFp32(),
                r.qualityDeltaMax() == null ? "not recorded" : String.format("%.4f", r.qualityDeltaMax()));
        out.printf(
                "corpus                 %d texts, %.0f tokens on average (%d-%d)%n",
                r.texts(), r.tokensMean(), r.tokensMin(), r.tokensMax());
        out.printf("single task            %.1f texts/s%n", r.singleTaskTps());
        out.printf(
                "multi task             %.1f texts/s (cost ratio %.2f, in CPU time %.2f)%n",
                r.multiTaskTps(), r.multiTaskCostRatio(), r.multiTaskCpuCostRatio());
        out.printf("batch size 1           %.1f texts/s%n", r.batch1Tps());
        out.printf(
                "fixed batches of %-4d  %.1f texts/s (%d padded tokens)%n",
                r.fixedBatchSize(), r.fixedBatchTps(), r.fixedBatchPaddedTokens());
        out.printf(
                "token budget %-6d    %.1f texts/s (%d padded tokens, speed-up %.2f)%n",
                r.maxBatchTokens(), r.tokenBudgetTps(), r.tokenBudgetPaddedTokens(), r.tokenBudgetSpeedup());
        out.printf(
                "encoder, 45 tokens x 8 %.1f texts/s (raw ONNX Runtime %.1f, ratio %.2f)%n",
                r.encoder45TokBatch8Tps(), r.rawOrt45TokBatch8Tps(), r.encoderVsRawOrt());
    }
}
