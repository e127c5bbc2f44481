package io.streamnlp.training.bundle;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.Json;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.training.ClassifierTraining;
import io.streamnlp.training.DataFingerprint;
import io.streamnlp.training.bench.FeatureCache;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TrainDevSplit;
import io.streamnlp.training.heads.BatchedEncoder;
import io.streamnlp.training.heads.FittedHead;
import io.streamnlp.training.heads.Head;
import io.streamnlp.training.heads.HeadTrainer;
import io.streamnlp.training.heads.ProgressBar;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.heads.TrainingEncoders;
import io.streamnlp.training.metrics.CalibrationError;
import io.streamnlp.training.metrics.ClassificationReport;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains one of the default bundle's shipped heads on real data the project may not ship, and writes what the
 * project ships instead: {@code <task>.onnx} and {@code <task>.json} ({@link ShippedHead}). Not part of the build;
 * run it after changing a recipe and commit its output into
 * {@code training/src/main/resources/io/streamnlp/training/bundle/shipped/}. Each head learns the real data's
 * training split together with the project's own seed examples of its task, and the run prints the dev reports and
 * what the head makes of the project's template tickets (the demo's traffic).
 *
 * <ul>
 *   <li>{@code moderation DATASETS_DIR OUT_DIR [CACHE_DIR]}: the Davidson tweets of {@code ../shared/datasets}
 *       ({@link DefaultBundle#MODERATION}); seed tickets must stay {@code neither}.
 *   <li>{@code sentiment FIXTURES_DIR OUT_DIR [CACHE_DIR]}: the UCI Sentiment Labelled Sentences (Amazon, IMDb and
 *       Yelp reviews) as the npm package {@code sentiment@5.0.2} ships them in {@code package/test/fixtures}
 *       ({@link DefaultBundle#SENTIMENT}).
 * </ul>
 */
public final class ShippedHeadBuild {
    static final String DAVIDSON = "davidson_hate_offensive/train.tsv";
    static final String DAVIDSON_SOURCE = "Davidson et al., Automated Hate Speech Detection and the Problem of"
            + " Offensive Language, ICWSM 2017; github.com/t-davidson/hate-speech-and-offensive-language (first 80% of"
            + " labeled_data.csv as " + DAVIDSON + ")";
    static final List<String> REVIEW_FILES = List.of("amazon.json", "imdb.json", "yelp.json");
    static final String REVIEWS_SOURCE = "Kotzias et al., From Group to Individual Labels using Deep Features, KDD"
            + " 2015; UCI Machine Learning Repository, Sentiment Labelled Sentences (Amazon, IMDb and Yelp, 1,000"
            + " sentences each), as the npm package sentiment@5.0.2 ships them in test/fixtures";
    /** The dev split: a seeded tenth of the real data, as {@code DatasetBenchmark} carves it. */
    static final long SPLIT_SEED = 7L;

    private ShippedHeadBuild() {}

    /**
     * What one shipped head is trained on.
     *
     * @param train real training examples; the seed examples of the task join them
     * @param dev real dev examples, scored under {@code devPrefix}
     * @param devPrefix the metric name prefix of the real dev scores ("" for the head's main scores)
     * @param seedDevInStopping whether the seed dev split also chooses the epoch (for labels the real data lack)
     * @param seedWeight how many times each seed example is learned
     */
    private record Recipe(
            String task,
            TrainingConfig config,
            String source,
            String licence,
            String dataName,
            List<LabeledText> train,
            List<LabeledText> dev,
            String devPrefix,
            boolean seedDevInStopping,
            int seedWeight) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException(
                    "usage: ShippedHeadBuild moderation|sentiment DATA_DIR OUT_DIR [CACHE_DIR]");
        }
        Path data = Path.of(args[1]);
        Recipe recipe = switch (args[0]) {
            case DefaultBundle.MODERATION_TASK -> moderation(data);
            case DefaultBundle.SENTIMENT_TASK -> sentiment(data);
            default -> throw new IllegalArgumentException("no shipped head '" + args[0] + "'");
        };
        FeatureCache cache = new FeatureCache(
                args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("shipped-head-features"));
        build(recipe, Path.of(args[2]), cache);
    }

    private static Recipe moderation(Path datasets) throws IOException, DatasetFormatException {
        Path file = datasets.resolve(DAVIDSON);
        TrainDevSplit<LabeledText> split =
                TrainDevSplit.of(ClassificationTsv.read(file), null, SPLIT_SEED, 1, file, "examples");
        return new Recipe(
                DefaultBundle.MODERATION_TASK,
                DefaultBundle.MODERATION,
                DAVIDSON_SOURCE,
                "MIT",
                DAVIDSON,
                split.train(),
                split.dev(),
                "",
                false,
                1);
    }

    private static Recipe sentiment(Path fixtures) throws IOException {
        List<LabeledText> reviews = new ArrayList<>();
        for (String name : REVIEW_FILES) {
            List<Map<String, Object>> rows =
                    Json.MAPPER.readValue(fixtures.resolve(name).toFile(), new TypeReference<>() {});
            for (Map<String, Object> row : rows) {
                String text =
                        String.join(" ", ((String) row.get("text")).strip().split("\\s+"));
                if (!text.isEmpty()) {
                    reviews.add(new LabeledText(
                            text, ((Number) row.get("class")).intValue() == 1 ? "positive" : "negative"));
                }
            }
        }
        TrainDevSplit<LabeledText> split = TrainDevSplit.of(reviews, null, SPLIT_SEED, 1, fixtures, "sentences");
        return new Recipe(
                DefaultBundle.SENTIMENT_TASK,
                DefaultBundle.SENTIMENT,
                REVIEWS_SOURCE,
                "CC BY 4.0",
                String.join(",", REVIEW_FILES),
                split.train(),
                split.dev(),
                "reviews_",
                true,
                // 480 seed tickets against 2,700 review sentences: learned once each, they cost the template tickets
                // 2.8 points of dev macro-F1 (0.708 against 0.736 at 3); at 6 the reviews fell to 0.893 (0.917 at 3)
                3);
    }

    private static void build(Recipe recipe, Path out, FeatureCache cache) throws IOException {
        ProgressBar progress = ProgressBar.stderr();
        SeedCorpus seed = SeedCorpus.bundled();
        String task = recipe.task();
        try (TrainingEncoders encoders = TrainingEncoders.openDefault(InferenceOptions.defaults(), progress)) {
            BatchedEncoder encoder = encoders.primaryBatched();
            List<LabeledText> seedTrain = seed.classification(task, Split.TRAIN);
            List<LabeledText> seedDev = seed.classification(task, Split.DEV);
            seedDev = seedDev.subList(0, Math.min(seedDev.size(), DefaultBundle.BUILD_DEV_TICKETS));
            List<String> trainTexts = new ArrayList<>(ClassifierTraining.texts(recipe.train()));
            trainTexts.addAll(ClassifierTraining.texts(seedTrain));
            List<String> trainLabels = new ArrayList<>(ClassifierTraining.labels(recipe.train()));
            trainLabels.addAll(ClassifierTraining.labels(seedTrain));
            List<float[]> trainX = new ArrayList<>();
            encoders.batched()
                    .forEach((precision, twin) ->
                            trainX.addAll(cache.embeddings(task + "-train-" + precision, trainTexts, twin)));
            List<float[]> realDevX = cache.embeddings(task + "-dev", ClassifierTraining.texts(recipe.dev()), encoder);
            List<float[]> seedDevX = cache.embeddings(task + "-seed-dev", ClassifierTraining.texts(seedDev), encoder);
            List<float[]> stopX = new ArrayList<>(realDevX);
            List<String> stopY = new ArrayList<>(ClassifierTraining.labels(recipe.dev()));
            if (recipe.seedDevInStopping()) {
                stopX.addAll(seedDevX);
                stopY.addAll(ClassifierTraining.labels(seedDev));
            }
            List<String> trainY = new ArrayList<>(encoders.perEncoder(trainLabels));
            repeatSeedRows(trainX, trainY, trainTexts.size(), recipe.train().size(), recipe.seedWeight());
            FittedHead fitted =
                    new HeadTrainer(recipe.config(), progress).fit("training " + task, trainX, trainY, stopX, stopY);
            Head head = fitted.head();
            System.out.printf(
                    Locale.ROOT,
                    "epoch %d of %s, temperature %.3f%n",
                    fitted.epochs(),
                    fitted.devCurve(),
                    fitted.temperature());
            ClassificationReport real = report("real dev", head, realDevX, recipe.dev());
            ClassificationReport onSeed = report("seed dev", head, seedDevX, seedDev);
            // the demo's traffic: the project's own template tickets, never trained on
            List<String> tickets = ClassifierTraining.texts(seed.classification("category", Split.DEV));
            Map<String, Integer> onTickets = new TreeMap<>();
            for (float[] e : encoder.embeddings("encoding seed tickets", tickets)) {
                onTickets.merge(head.predict(e), 1, Integer::sum);
            }
            System.out.println("seed dev tickets, predicted: " + onTickets);

            Map<String, Double> dev = new LinkedHashMap<>();
            ClassificationReport main = recipe.devPrefix().isEmpty() ? real : onSeed;
            dev.put("accuracy", main.accuracy());
            dev.put("macro_f1", main.macroF1());
            dev.put("dev_n", (double) main.n());
            if (!recipe.devPrefix().isEmpty()) {
                // accuracy only: the real data have no neutral sentences, so a macro-F1 would average in a zero
                dev.put(recipe.devPrefix() + "accuracy", real.accuracy());
                dev.put(recipe.devPrefix() + "n", (double) real.n());
            }
            HeadGraphWriter.write(task, head.hiddenLayer(), head.outputLayer(), out.resolve(task + ".onnx"));
            ShippedHead shipped = new ShippedHead(
                    task,
                    head.labels(),
                    BuiltinEncoder.DEFAULT.id(),
                    recipe.source(),
                    recipe.licence(),
                    fingerprint(recipe, seedTrain),
                    TrainingEncoders.twinRecipe(recipe.config()),
                    dev);
            Json.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(out.resolve(task + ".json").toFile(), shipped);
        }
    }

    /**
     * Appends the seed rows ({@code real} to {@code perEncoder} of each encoder's block) {@code weight - 1} more
     * times.
     */
    private static void repeatSeedRows(List<float[]> x, List<String> y, int perEncoder, int real, int weight) {
        int blocks = x.size() / perEncoder;
        for (int repeat = 1; repeat < weight; repeat++) {
            for (int block = 0; block < blocks; block++) {
                for (int i = block * perEncoder + real; i < (block + 1) * perEncoder; i++) {
                    x.add(x.get(i));
                    y.add(y.get(i));
                }
            }
        }
    }

    private static String fingerprint(Recipe recipe, List<LabeledText> seedTrain) {
        DataFingerprint fp = new DataFingerprint()
                .add(recipe.dataName())
                .add("split seed " + SPLIT_SEED)
                .addClassification("train", recipe.train())
                .addClassification("dev", recipe.dev())
                .addClassification("seed-" + recipe.task() + "-train", seedTrain);
        if (recipe.seedDevInStopping()) {
            fp.add("seed dev in early stopping");
        }
        if (recipe.seedWeight() != 1) {
            fp.add("seed weight " + recipe.seedWeight());
        }
        return fp.value();
    }

    private static ClassificationReport report(String name, Head head, List<float[]> x, List<LabeledText> examples) {
        List<String> y = ClassifierTraining.labels(examples);
        ClassificationReport r = ClassifierTraining.evaluate(head, x, y);
        System.out.printf(
                Locale.ROOT,
                "%s (n=%d): accuracy %.4f macro-F1 %.4f ECE %.4f%n  %s%n",
                name,
                r.n(),
                r.accuracy(),
                r.macroF1(),
                CalibrationError.expected(head, x, y),
                r.perLabel());
        return r;
    }
}
