package io.streamnlp.training.bundle;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.Json;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.training.ClassifierTraining;
import io.streamnlp.training.DataFingerprint;
import io.streamnlp.training.bench.FeatureCache;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TrainDevSplit;
import io.streamnlp.training.heads.BatchedEncoder;
import io.streamnlp.training.heads.FittedHead;
import io.streamnlp.training.heads.Head;
import io.streamnlp.training.heads.HeadTrainer;
import io.streamnlp.training.heads.ProgressBar;
import io.streamnlp.training.heads.TrainingEncoders;
import io.streamnlp.training.metrics.CalibrationError;
import io.streamnlp.training.metrics.ClassificationReport;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the default bundle's moderation head on the Davidson tweets ({@code ../shared/datasets}, never
 * shipped) and writes what the project ships instead: {@code moderation.onnx} and {@code moderation.json}
 * ({@link ShippedHead}). Not part of the build; run it after changing the recipe
 * ({@link DefaultBundle#MODERATION}) and commit its output into
 * {@code training/src/main/resources/io/streamnlp/training/bundle/shipped/}. It prints the dev report and
 * what the head makes of the project's own template texts (the demo's traffic): seed tickets must stay
 * {@code neither}, and the seed moderation dev split is scored with its labels.
 * Usage: {@code ShippedHeadBuild DATASETS_DIR OUT_DIR [CACHE_DIR]}.
 */
public final class ShippedHeadBuild {
    static final String DATA = "davidson_hate_offensive/train.tsv";
    static final String SOURCE = "Davidson et al., Automated Hate Speech Detection and the Problem of Offensive"
            + " Language, ICWSM 2017; github.com/t-davidson/hate-speech-and-offensive-language (first 80% of"
            + " labeled_data.csv as " + DATA + ")";
    static final String LICENCE = "MIT";
    /** The dev split: a seeded tenth of the file, as {@code DatasetBenchmark} carves it. */
    static final long SPLIT_SEED = 7L;

    private ShippedHeadBuild() {}

    public static void main(String[] args) throws Exception {
        Path datasets = Path.of(args[0]);
        Path out = Path.of(args[1]);
        FeatureCache cache = new FeatureCache(
                args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("shipped-head-features"));
        Path file = datasets.resolve(DATA);
        TrainDevSplit<LabeledText> split =
                TrainDevSplit.of(ClassificationTsv.read(file), null, SPLIT_SEED, 1, file, "examples");
        ProgressBar progress = ProgressBar.stderr();
        try (TrainingEncoders encoders = TrainingEncoders.openDefault(InferenceOptions.defaults(), progress)) {
            BatchedEncoder encoder = encoders.primaryBatched();
            // the project's own moderation examples join the tweets: insults without slurs and angry but
            // clean tickets, which the demo sends and which the tweets hardly cover
            SeedCorpus seed = SeedCorpus.bundled();
            List<LabeledText> seedTrain = seed.classification(DefaultBundle.MODERATION_TASK, Split.TRAIN);
            List<String> trainTexts = new ArrayList<>(ClassifierTraining.texts(split.train()));
            trainTexts.addAll(ClassifierTraining.texts(seedTrain));
            List<String> trainLabels = new ArrayList<>(ClassifierTraining.labels(split.train()));
            trainLabels.addAll(ClassifierTraining.labels(seedTrain));
            List<float[]> trainX = new ArrayList<>();
            encoders.batched()
                    .forEach((precision, twin) ->
                            trainX.addAll(cache.embeddings("train-" + precision, trainTexts, twin)));
            List<String> trainY = encoders.perEncoder(trainLabels);
            List<float[]> devX = cache.embeddings("davidson-dev", ClassifierTraining.texts(split.dev()), encoder);
            List<String> devY = ClassifierTraining.labels(split.dev());
            FittedHead fitted = new HeadTrainer(DefaultBundle.MODERATION, progress)
                    .fit("training moderation", trainX, trainY, devX, devY);
            Head head = fitted.head();
            ClassificationReport dev = ClassifierTraining.evaluate(head, devX, devY);
            System.out.printf(
                    Locale.ROOT,
                    "dev: accuracy %.4f macro-F1 %.4f ECE %.4f, epoch %d of %s, temperature %.3f%n  %s%n",
                    dev.accuracy(),
                    dev.macroF1(),
                    CalibrationError.expected(head, devX, devY),
                    fitted.epochs(),
                    fitted.devCurve(),
                    fitted.temperature(),
                    dev.perLabel());
            // the demo's traffic: the project's own template tickets and moderation examples, never trained on
            List<String> tickets = ClassifierTraining.texts(seed.classification("category", Split.DEV));
            Map<String, Integer> onTickets = new TreeMap<>();
            for (float[] e : encoder.embeddings("encoding seed tickets", tickets)) {
                onTickets.merge(head.predict(e), 1, Integer::sum);
            }
            List<LabeledText> moderation = seed.classification(DefaultBundle.MODERATION_TASK, Split.DEV);
            ClassificationReport onSeed = ClassifierTraining.evaluate(
                    head,
                    encoder.embeddings("encoding seed moderation", ClassifierTraining.texts(moderation)),
                    ClassifierTraining.labels(moderation));
            System.out.printf(
                    Locale.ROOT,
                    "seed dev tickets, predicted: %s%nseed moderation dev: accuracy %.4f macro-F1 %.4f %s%n",
                    onTickets,
                    onSeed.accuracy(),
                    onSeed.macroF1(),
                    onSeed.perLabel());

            String task = DefaultBundle.MODERATION_TASK;
            HeadGraphWriter.write(task, head.hiddenLayer(), head.outputLayer(), out.resolve(task + ".onnx"));
            ShippedHead shipped = new ShippedHead(
                    task,
                    head.labels(),
                    BuiltinEncoder.DEFAULT.id(),
                    SOURCE,
                    LICENCE,
                    new DataFingerprint()
                            .add(DATA)
                            .add("split seed " + SPLIT_SEED)
                            .addClassification("train", split.train())
                            .addClassification("dev", split.dev())
                            .addClassification("seed-moderation-train", seedTrain)
                            .value(),
                    TrainingEncoders.twinRecipe(DefaultBundle.MODERATION),
                    Map.of("accuracy", dev.accuracy(), "macro_f1", dev.macroF1(), "dev_n", (double) dev.n()));
            Json.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(out.resolve(task + ".json").toFile(), shipped);
        }
    }
}
