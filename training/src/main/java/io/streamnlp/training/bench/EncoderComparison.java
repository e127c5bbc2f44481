package io.streamnlp.training.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.Json;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.bench.BenchmarkCorpus;
import io.streamnlp.inference.bench.InferenceBenchmark;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.training.ClassifierTraining;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.heads.TrainingEncoders;
import io.streamnlp.training.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Built-in encoders side by side, so that a user can pick the trade-off: each one's texts per second
 * on the benchmark corpus (token-budget batches, tokenization included, as the job runs them) and,
 * given labelled data, the dev accuracy of a head trained on it with the {@code train} recipe.
 */
public final class EncoderComparison {

    private static final int WARMUP_BATCHES = 3;

    /**
     * One encoder to compare.
     *
     * @param encoder the built-in encoder
     * @param pooling its sentence pooling
     */
    public record Candidate(BuiltinEncoder encoder, Pooling pooling) {

        /**
         * Parses {@code NAME} (the encoder's own pooling) or {@code NAME:POOLING}.
         *
         * @throws IllegalArgumentException naming the known encoders or poolings
         */
        public static Candidate parse(String value) {
            int colon = value.indexOf(':');
            BuiltinEncoder encoder = BuiltinEncoder.of(colon < 0 ? value : value.substring(0, colon));
            return new Candidate(encoder, colon < 0 ? encoder.pooling() : Pooling.parse(value.substring(colon + 1)));
        }
    }

    /**
     * Labelled data for the quality column.
     *
     * @param name what the data is called in the report
     * @param train the head's training examples
     * @param dev the examples it is scored on
     */
    public record Data(String name, List<LabeledText> train, List<LabeledText> dev) {}

    /**
     * One encoder's figures.
     *
     * @param devAccuracy dev accuracy, on the training twin, of a head trained with the {@code train} recipe; null
     *     without data
     * @param devMacroF1 dev macro-F1 of that head; null without data
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            @JsonProperty("encoder") String encoder,
            @JsonProperty("pooling") String pooling,
            @JsonProperty("max_length") int maxLength,
            @JsonProperty("tps") double textsPerSecond,
            @JsonProperty("tokens_mean") double tokensMean,
            @JsonProperty("dev_accuracy") Double devAccuracy,
            @JsonProperty("dev_macro_f1") Double devMacroF1) {}

    /**
     * The comparison: what {@code streamnlp bench inference --encoder ... --json} prints.
     *
     * @param data the labelled data's name, or null without data
     * @param devN dev examples scored, or null without data
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(
            @JsonProperty("device") String device,
            @JsonProperty("threads") int threads,
            @JsonProperty("precision") String precision,
            @JsonProperty("texts") int texts,
            @JsonProperty("seed") long seed,
            @JsonProperty("data") String data,
            @JsonProperty("dev_n") Integer devN,
            @JsonProperty("encoders") List<Row> encoders) {

        public String toJson() {
            try {
                return Json.MAPPER.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise encoder comparison", e);
            }
        }
    }

    private EncoderComparison() {}

    /**
     * Measures each candidate in turn, one encoder loaded at a time.
     *
     * @param data labelled data for the quality column, or null for speed only
     * @param phases told each measurement as it starts
     */
    public static Report run(
            List<Candidate> candidates,
            InferenceOptions options,
            int texts,
            long seed,
            BatcherConfig batcher,
            Data data,
            ProgressListener progress,
            Consumer<String> phases) {
        List<String> corpus = BenchmarkCorpus.generate(texts, seed);
        List<Row> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            String name = c.encoder().id() + " (" + c.pooling() + ")";
            double tps;
            double tokensMean;
            try (SharedEncoder served = load(c, options)) {
                phases.accept(name + ": " + corpus.size() + " texts at " + options.precision());
                tps = textsPerSecond(served, corpus, batcher);
                tokensMean =
                        corpus.stream().mapToInt(served::tokenCount).average().orElse(0);
            }
            ClassificationReport dev = null;
            if (data != null) {
                phases.accept(name + ": a head on " + data.name());
                EncoderSpec spec = EncoderSpec.builtin(c.encoder(), c.encoder().maxLength(), c.pooling());
                try (TrainingEncoders training = TrainingEncoders.open(spec, null, options, progress)) {
                    dev = new ClassifierTraining(
                                    training, TrainingConfig.classification().withSeed(seed), progress)
                            .train(data.name(), data.train(), data.dev())
                            .dev();
                }
            }
            rows.add(new Row(
                    c.encoder().id(),
                    c.pooling().toString(),
                    c.encoder().maxLength(),
                    Math.round(tps * 10) / 10.0,
                    Math.round(tokensMean * 10) / 10.0,
                    dev == null ? null : round4(dev.accuracy()),
                    dev == null ? null : round4(dev.macroF1())));
        }
        return new Report(
                options.device().toString(),
                options.intraOpThreads(),
                options.precision().toString(),
                corpus.size(),
                seed,
                data == null ? null : data.name(),
                data == null ? null : data.dev().size(),
                rows);
    }

    private static SharedEncoder load(Candidate c, InferenceOptions options) {
        return SharedEncoder.load(
                EncoderFiles.builtin(
                        c.encoder(),
                        options.modelCacheDir(),
                        c.encoder().maxLength(),
                        options.precision(),
                        c.pooling()),
                options);
    }

    /** Wall-clock texts per second over the corpus in token-budget batches, tokenization included, after a warm-up. */
    private static double textsPerSecond(SharedEncoder encoder, List<String> corpus, BatcherConfig batcher) {
        List<List<TokenizedText>> warmup = InferenceBenchmark.budgetBatches(corpus, encoder, batcher);
        for (List<TokenizedText> batch : warmup.subList(0, Math.min(WARMUP_BATCHES, warmup.size()))) {
            encoder.encodeTokenized(batch);
        }
        long start = System.nanoTime();
        for (List<TokenizedText> batch : InferenceBenchmark.budgetBatches(corpus, encoder, batcher)) {
            encoder.encodeTokenized(batch);
        }
        return corpus.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
