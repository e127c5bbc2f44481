package io.streamnlp.inference.bench;

import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.batch.TokenBudgetBatcher;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Measures a pipeline's throughput on the {@link BenchmarkCorpus} in one run: one task against all
 * tasks, and batch size 1 against fixed batches of 32 in arrival order against token-budget
 * batches. Every figure is texts per second of wall-clock time, planning included. Every plan
 * tokenizes each text once and runs the encoder on those encodings, as the streaming job does.
 */
public final class InferenceBenchmark {

    /**
     * What to run.
     *
     * @param texts corpus size
     * @param seed corpus seed
     * @param fixedBatchSize texts per batch in the fixed-batch run
     * @param batcher limits of the token-budget runs
     * @param bareTexts texts of about 45 tokens for the encoder against raw ONNX Runtime comparison
     */
    public record Settings(int texts, long seed, int fixedBatchSize, BatcherConfig batcher, int bareTexts) {

        public Settings {
            if (texts < 1 || fixedBatchSize < 1 || bareTexts < 1) {
                throw new IllegalArgumentException("texts, fixedBatchSize and bareTexts must be >= 1");
            }
        }

        /** 400 texts, seed 42, fixed batches of 32, the default batcher without waiting, 256 bare texts. */
        public static Settings defaults() {
            BatcherConfig d = BatcherConfig.defaults();
            return new Settings(
                    400,
                    42,
                    32,
                    new BatcherConfig(d.maxBatchTokens(), d.maxBatchSize(), 0, d.capacity(), d.bucketBounds()),
                    256);
        }
    }

    private static final int WARMUP_BATCHES = 3;
    /** Chunks the batching comparison is interleaved over. */
    private static final int CHUNKS = 4;

    private static final int BARE_WORDS = 36;
    private static final int BARE_BATCH = 8;

    private InferenceBenchmark() {}

    /** {@link #run(NlpPipeline, NlpPipeline, InferenceOptions, Settings, String, String)} of an fp32 pipeline. */
    public static BenchmarkReport run(
            NlpPipeline pipeline, InferenceOptions options, Settings settings, String heads, String bundle) {
        if (options.precision() != Precision.FP32) {
            throw new IllegalArgumentException("a pipeline at " + options.precision() + " needs its fp32 twin");
        }
        return run(pipeline, pipeline, options, settings, heads, bundle);
    }

    /** {@link #run(NlpPipeline, NlpPipeline, InferenceOptions, Settings, String, String, Consumer)}, silently. */
    public static BenchmarkReport run(
            NlpPipeline pipeline,
            NlpPipeline fp32,
            InferenceOptions options,
            Settings settings,
            String heads,
            String bundle) {
        return run(pipeline, fp32, options, settings, heads, bundle, phase -> {});
    }

    /**
     * Runs every measurement.
     *
     * @param pipeline a pipeline with at least one classification task; NER and summary make the multi-task run
     * @param fp32 the same bundle at fp32 (the same object when {@code options} are fp32), measured side by side
     * @param options the options {@code pipeline} was loaded with
     * @param heads {@code trained} or {@code untrained}, reported as is
     * @param phases told each measurement as it starts (a progress line)
     */
    public static BenchmarkReport run(
            NlpPipeline pipeline,
            NlpPipeline fp32,
            InferenceOptions options,
            Settings settings,
            String heads,
            String bundle,
            Consumer<String> phases) {
        if (pipeline.classifiers().isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs a bundle with a classification task");
        }
        List<String> corpus = BenchmarkCorpus.generate(settings.texts(), settings.seed());
        NlpPipeline single = pipeline.classificationOnly();
        SharedEncoder encoder = pipeline.encoder();

        List<List<String>> fixed = fixedBatches(corpus, settings.fixedBatchSize());
        phases.accept("warming up on " + Math.min(WARMUP_BATCHES, fixed.size()) + " batches");
        for (int i = 0; i < Math.min(WARMUP_BATCHES, fixed.size()); i++) {
            pipeline.predict(fixed.get(i));
        }
        Function<List<String>, List<List<TokenizedText>>> budget =
                texts -> budgetBatches(texts, encoder, settings.batcher());

        List<NlpPipeline> sides = fp32 == pipeline ? List.of(single, pipeline) : List.of(single, pipeline, fp32);
        if (fp32 != pipeline) {
            fp32.predict(fixed.get(0));
        }
        List<List<String>> budgetTexts = budget.apply(corpus).stream()
                .map(batch -> batch.stream().map(TokenizedText::text).toList())
                .toList();
        phases.accept("one task against all tasks" + (fp32 != pipeline ? " and all tasks at fp32" : "") + ", "
                + corpus.size() + " texts in " + budgetTexts.size() + " token-budget batches");
        double[][] tasks = sideBySide(sides, budgetTexts);
        double singleTps = tasks[0][0];
        double multiTps = tasks[0][1];
        double fp32MultiTps = tasks[0][sides.size() - 1];
        double cpuCostRatio = tasks[1][1] / tasks[1][0];
        phases.accept("batch size 1, fixed batches of " + settings.fixedBatchSize() + " and token-budget batches, "
                + corpus.size() + " texts each");
        double[] plans = interleavedPlans(
                pipeline,
                corpus,
                settings.fixedBatchSize(),
                List.of(
                        texts -> tokenized(fixedBatches(texts, 1), encoder),
                        texts -> tokenized(fixedBatches(texts, settings.fixedBatchSize()), encoder),
                        budget));
        double batch1Tps = plans[0];
        double fixedTps = plans[1];
        double budgetTps = plans[2];
        phases.accept("encoder pass against raw ONNX Runtime, " + settings.bareTexts() + " texts of ~45 tokens");
        double[] bare = bareEncoderThroughput(encoder, options, settings.seed(), settings.bareTexts());

        int[] tokens = corpus.stream().mapToInt(encoder::tokenCount).sorted().toArray();
        return new BenchmarkReport(
                singleTps,
                multiTps,
                singleTps / multiTps,
                batch1Tps,
                fixedTps,
                budgetTps,
                budgetTps / fixedTps,
                options.device().toString(),
                options.intraOpThreads(),
                heads,
                bundle,
                corpus.size(),
                settings.seed(),
                Arrays.stream(tokens).average().orElse(0),
                tokens[0],
                tokens[tokens.length - 1],
                paddedTokens(tokenized(fixedBatches(corpus, settings.fixedBatchSize()), encoder)),
                paddedTokens(budgetBatches(corpus, encoder, settings.batcher())),
                settings.fixedBatchSize(),
                settings.batcher().maxBatchTokens(),
                settings.batcher().maxBatchSize(),
                encoder.maxLength(),
                bare[0],
                bare[1],
                bare[0] / bare[1],
                cpuCostRatio,
                options.precision().toString(),
                fp32MultiTps,
                multiTps / fp32MultiTps,
                null);
    }

    /**
     * Texts per second (first row) and process CPU seconds (second row) of each pipeline on the same
     * batches: each batch runs through every side, in rotating order, so that load from other
     * processes hits all sides alike. The sides are one task against all tasks, and all tasks at fp32
     * when the pipeline runs at another precision. Each side's encoder tokenizes the batches ahead,
     * outside the timing.
     */
    private static double[][] sideBySide(List<NlpPipeline> sides, List<List<String>> batches) {
        List<List<List<TokenizedText>>> tokenized =
                sides.stream().map(side -> tokenized(batches, side.encoder())).toList();
        long[][] cost = new long[sides.size()][2];
        int texts = 0;
        for (int i = 0; i < batches.size(); i++) {
            for (int k = 0; k < sides.size(); k++) {
                int side = (k + i) % sides.size();
                measure(sides.get(side), tokenized.get(side).get(i), cost[side]);
            }
            texts += batches.get(i).size();
        }
        double[][] out = new double[2][sides.size()];
        for (int side = 0; side < sides.size(); side++) {
            out[0][side] = texts / (cost[side][0] / 1e9);
            out[1][side] = cost[side][1] / 1e9;
        }
        return out;
    }

    /**
     * Texts per second of each batching plan. The corpus is cut into chunks of whole fixed batches
     * and every plan runs on every chunk, in rotating order, for the same reason as above; planning
     * time (tokenizing, and batching for the budget plan) counts.
     */
    private static double[] interleavedPlans(
            NlpPipeline pipeline,
            List<String> corpus,
            int fixedBatchSize,
            List<Function<List<String>, List<List<TokenizedText>>>> plans) {
        int chunk = Math.max(1, (corpus.size() / CHUNKS + fixedBatchSize - 1) / fixedBatchSize) * fixedBatchSize;
        long[] nanos = new long[plans.size()];
        int round = 0;
        for (int from = 0; from < corpus.size(); from += chunk, round++) {
            List<String> texts = corpus.subList(from, Math.min(corpus.size(), from + chunk));
            for (int k = 0; k < plans.size(); k++) {
                int p = (k + round) % plans.size();
                long start = System.nanoTime();
                for (List<TokenizedText> batch : plans.get(p).apply(texts)) {
                    pipeline.predictTokenized(batch);
                }
                nanos[p] += System.nanoTime() - start;
            }
        }
        double[] tps = new double[plans.size()];
        for (int p = 0; p < tps.length; p++) {
            tps[p] = corpus.size() / (nanos[p] / 1e9);
        }
        return tps;
    }

    /** Adds the wall time and the process CPU time (all threads, ONNX Runtime's included) of one batch. */
    private static void measure(NlpPipeline pipeline, List<TokenizedText> batch, long[] wallAndCpuNanos) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        pipeline.predictTokenized(batch);
        wallAndCpuNanos[0] += System.nanoTime() - start;
        wallAndCpuNanos[1] += processCpuNanos() - cpu;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The encoder pass alone and the raw ONNX Runtime session on texts of about 45 tokens in batches of 8,
     * alternating twice and keeping each side's best round so that load from other processes on
     * the machine biases neither side. Both sides get their input prepared before the clock starts: the raw
     * session its token ids, the encoder its texts tokenized, as the job tokenizes each event on arrival, off
     * the model's thread. What the encoder adds is DJL, copying the hidden states out, pooling and offsets.
     */
    private static double[] bareEncoderThroughput(
            SharedEncoder encoder, InferenceOptions options, long seed, int texts) {
        List<List<String>> batches = fixedBatches(BenchmarkCorpus.fixedLength(texts, BARE_WORDS, seed), BARE_BATCH);
        List<List<TokenizedText>> tokenized = tokenized(batches, encoder);
        double ours = 0;
        double raw = 0;
        try (RawOrtBaseline baseline = new RawOrtBaseline(encoder.files(), options, batches)) {
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                for (List<TokenizedText> batch : tokenized) {
                    encoder.encodeTokenized(batch);
                }
                ours = Math.max(ours, texts / ((System.nanoTime() - start) / 1e9));
                raw = Math.max(raw, baseline.throughput());
            }
        }
        return new double[] {ours, raw};
    }

    static List<List<String>> fixedBatches(List<String> texts, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += size) {
            out.add(texts.subList(i, Math.min(texts.size(), i + size)));
        }
        return out;
    }

    /** Each text tokenized once, in the given batches. */
    static List<List<TokenizedText>> tokenized(List<List<String>> batches, SharedEncoder encoder) {
        List<List<TokenizedText>> out = new ArrayList<>(batches.size());
        for (List<String> batch : batches) {
            out.add(batch.stream().map(encoder::tokenize).toList());
        }
        return out;
    }

    /**
     * Offers the whole corpus at once (a backlog, as after a restart) and takes batches as they fill: each text is
     * tokenized once, and the batches carry those encodings to {@link NlpPipeline#predictTokenized}.
     */
    public static List<List<TokenizedText>> budgetBatches(
            List<String> texts, SharedEncoder encoder, BatcherConfig config) {
        return budgetBatches(texts, encoder, config, TokenizedText::tokenCount);
    }

    /** {@link #budgetBatches(List, SharedEncoder, BatcherConfig)}, each text taking {@code budgeted} of the budget. */
    public static List<List<TokenizedText>> budgetBatches(
            List<String> texts, SharedEncoder encoder, BatcherConfig config, ToIntFunction<TokenizedText> budgeted) {
        TokenBudgetBatcher<TokenizedText> batcher = new TokenBudgetBatcher<>(config);
        List<List<TokenizedText>> out = new ArrayList<>();
        for (String text : texts) {
            TokenizedText tokenized = encoder.tokenize(text);
            while (!batcher.offer(tokenized, budgeted.applyAsInt(tokenized), 0)) {
                batcher.takeFull().forEach(b -> out.add(b.items()));
            }
        }
        batcher.flushAll().forEach(b -> out.add(b.items()));
        return out;
    }

    private static long paddedTokens(List<List<TokenizedText>> batches) {
        long total = 0;
        for (List<TokenizedText> batch : batches) {
            total += (long) batch.size()
                    * batch.stream().mapToInt(TokenizedText::tokenCount).max().orElse(0);
        }
        return total;
    }
}
