package io.streamnlp.training.bench;

import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.training.ClassifierTraining;
import io.streamnlp.training.NerTraining;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.Conll;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TaggedSentence;
import io.streamnlp.training.heads.BatchedEncoder;
import io.streamnlp.training.heads.FittedHead;
import io.streamnlp.training.heads.Head;
import io.streamnlp.training.heads.HeadTrainer;
import io.streamnlp.training.heads.ProgressBar;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.metrics.CalibrationError;
import io.streamnlp.training.metrics.ClassificationReport;
import io.streamnlp.training.metrics.NerReport;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures heads on the public data sets in {@code ../shared/datasets} (never shipped): banking77
 * and Davidson with a dev split carved from train by a seeded shuffle, WNUT-17 on its dev file.
 * Encoded features are cached in a directory, so experiments on heads take seconds after the first
 * run. Not part of the test suite. Usage: {@code DatasetBenchmark DATASETS_DIR CACHE_DIR [banking77|davidson|wnut17|seed]...}
 */
public final class DatasetBenchmark {
    static final long SPLIT_SEED = 7L;
    static final double DEV_FRACTION = 0.1;

    private final BatchedEncoder encoder;
    private final FeatureCache cache;
    private final ProgressBar progress = ProgressBar.stderr();

    private DatasetBenchmark(BatchedEncoder encoder, FeatureCache cache) {
        this.encoder = encoder;
        this.cache = cache;
    }

    public static void main(String[] args) throws Exception {
        Path datasets = Path.of(args[0]);
        FeatureCache cache = new FeatureCache(Path.of(args[1]));
        List<String> which =
                args.length > 2 ? List.of(args).subList(2, args.length) : List.of("banking77", "davidson", "wnut17");
        try (SharedEncoder shared = SharedEncoder.forTraining(InferenceOptions.defaults())) {
            DatasetBenchmark bench = new DatasetBenchmark(new BatchedEncoder(shared, 32, ProgressBar.stderr()), cache);
            for (String name : which) {
                switch (name) {
                    case "banking77" -> bench.classification("banking77", datasets.resolve("banking77/train.tsv"));
                    case "davidson" ->
                        bench.classification("davidson", datasets.resolve("davidson_hate_offensive/train.tsv"));
                    case "wnut17" ->
                        bench.ner(datasets.resolve("wnut17/train.conll"), datasets.resolve("wnut17/dev.conll"));
                    case "seed" -> bench.seed();
                    default -> throw new IllegalArgumentException("unknown data set " + name);
                }
            }
        }
    }

    /** The seed tasks on their own train/dev splits (for tuning the default bundle's recipe). */
    private void seed() {
        SeedCorpus corpus = SeedCorpus.bundled();
        for (String task : SeedCorpus.CLASSIFICATION_TASKS) {
            classification(
                    "seed-" + task, corpus.classification(task, Split.TRAIN), corpus.classification(task, Split.DEV));
        }
    }

    private void classification(String name, Path file) throws Exception {
        List<LabeledText> all = new ArrayList<>(ClassificationTsv.read(file));
        Collections.shuffle(all, new Random(SPLIT_SEED));
        int devSize = (int) Math.round(all.size() * DEV_FRACTION);
        classification(name, all.subList(devSize, all.size()), all.subList(0, devSize));
    }

    private void classification(String name, List<LabeledText> train, List<LabeledText> dev) {
        List<float[]> trainX = embeddings(name + "-train", train);
        List<float[]> devX = embeddings(name + "-dev", dev);
        List<String> trainY = train.stream().map(LabeledText::label).toList();
        List<String> devY = dev.stream().map(LabeledText::label).toList();
        for (TrainingConfig config : configs("classification", TrainingConfig.classification())) {
            FittedHead fitted = new HeadTrainer(config, progress).fit("training " + name, trainX, trainY, devX, devY);
            Head head = fitted.head();
            ClassificationReport r = ClassifierTraining.evaluate(head, devX, devY);
            System.out.printf(
                    Locale.ROOT,
                    "%s train=%d dev=%d accuracy=%.4f macro_f1=%.4f ece=%.4f epochs=%d temperature=%.3f  %s%n",
                    name,
                    train.size(),
                    dev.size(),
                    r.accuracy(),
                    r.macroF1(),
                    CalibrationError.expected(head, devX, devY),
                    fitted.epochs(),
                    fitted.temperature(),
                    config);
            if (Boolean.getBoolean("bench.calibrate")) {
                calibrated(name, config, trainX, trainY, devX, devY);
            }
        }
    }

    private void ner(Path trainFile, Path devFile) throws Exception {
        List<TaggedSentence> train = Conll.read(trainFile);
        List<TaggedSentence> dev = Conll.read(devFile);
        boolean orthographic = Boolean.getBoolean("bench.ner.orthographic");
        NerTraining features = new NerTraining(encoder, TrainingConfig.ner(), 1, orthographic, progress);
        String kind = orthographic ? "-rows-w1-ortho" : "-rows-w1";
        List<NerTraining.SentenceRows> trainRows =
                cache.getNer("wnut17-train" + kind, texts(train), () -> features.rows("encoding wnut17 train", train));
        List<NerTraining.SentenceRows> devRows =
                cache.getNer("wnut17-dev" + kind, texts(dev), () -> features.rows("encoding wnut17 dev", dev));
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (NerTraining.SentenceRows rows : trainRows) {
            x.addAll(rows.trainRows());
            y.addAll(rows.trainTags());
        }
        for (TrainingConfig config : configs("ner", TrainingConfig.ner())) {
            Head head = new HeadTrainer(config, progress).train("training wnut17", x, y);
            NerReport r = NerTraining.evaluate(head, devRows, dev);
            System.out.printf(
                    Locale.ROOT,
                    "wnut17 train=%d dev=%d orthographic=%s precision=%.4f recall=%.4f f1=%.4f  %s%n",
                    train.size(),
                    dev.size(),
                    orthographic,
                    r.precision(),
                    r.recall(),
                    r.f1(),
                    config);
        }
    }

    /**
     * Macro-F1 thresholds: the head is trained on nine tenths of train, per-label offsets added to
     * its log-probabilities are tuned for macro-F1 on the last tenth (coordinate ascent), and dev is
     * scored with them. The dev split plays no part in the tuning.
     */
    private void calibrated(
            String name,
            TrainingConfig config,
            List<float[]> x,
            List<String> y,
            List<float[]> devX,
            List<String> devY) {
        int cut = (int) Math.round(x.size() * 0.9);
        Head head = new HeadTrainer(config, progress)
                .train("training " + name + " (calibration)", x.subList(0, cut), y.subList(0, cut));
        List<float[]> calX = x.subList(cut, x.size());
        List<String> calY = y.subList(cut, y.size());
        double[] offsets = new double[head.labels().size()];
        double best = macroF1(head, offsets, calX, calY);
        for (int pass = 0; pass < 3; pass++) {
            for (int c = 0; c < offsets.length; c++) {
                double keep = offsets[c];
                for (double o = -3; o <= 3.0001; o += 0.1) {
                    offsets[c] = o;
                    double f = macroF1(head, offsets, calX, calY);
                    if (f > best) {
                        best = f;
                        keep = o;
                    }
                }
                offsets[c] = keep;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s calibrated: calibration macro_f1=%.4f dev macro_f1=%.4f offsets=%s  %s%n",
                name,
                best,
                macroF1(head, offsets, devX, devY),
                java.util.Arrays.toString(offsets),
                config);
    }

    private static double macroF1(Head head, double[] offsets, List<float[]> x, List<String> gold) {
        List<String> predicted = new ArrayList<>(x.size());
        for (float[] row : x) {
            float[] p = head.probabilities(row);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (Math.log(p[c]) + offsets[c] > Math.log(p[best]) + offsets[best]) {
                    best = c;
                }
            }
            predicted.add(head.labels().get(best));
        }
        return ClassificationReport.of(gold, predicted).macroF1();
    }

    /**
     * The default config, or a grid given as system property {@code bench.<task>.grid} =
     * "epochs,lr,l2,power,hidden[,dropout,smoothing,patience,temperature];..." (temperature: true or false).
     */
    private static List<TrainingConfig> configs(String task, TrainingConfig base) {
        String grid = System.getProperty("bench." + task + ".grid");
        if (grid == null || grid.isBlank()) {
            return List.of(base);
        }
        List<TrainingConfig> out = new ArrayList<>();
        for (String spec : grid.split(";")) {
            String[] v = spec.split(",");
            out.add(base.withEpochs(Integer.parseInt(v[0]))
                    .withLearningRate(Double.parseDouble(v[1]))
                    .withL2(Double.parseDouble(v[2]))
                    .withClassWeightPower(Double.parseDouble(v[3]))
                    .withHiddenUnits(Integer.parseInt(v[4]))
                    .withDropout(v.length > 5 ? Double.parseDouble(v[5]) : base.dropout())
                    .withLabelSmoothing(v.length > 6 ? Double.parseDouble(v[6]) : base.labelSmoothing())
                    .withPatience(v.length > 7 ? Integer.parseInt(v[7]) : base.patience())
                    .withTemperatureScaling(v.length > 8 ? Boolean.parseBoolean(v[8]) : base.temperatureScaling()));
        }
        return out;
    }

    private List<float[]> embeddings(String kind, List<LabeledText> examples) {
        return cache.embeddings(kind, examples.stream().map(LabeledText::text).toList(), encoder);
    }

    private static List<String> texts(List<TaggedSentence> sentences) {
        return sentences.stream().map(TaggedSentence::text).toList();
    }
}
