package io.streamnlp.training.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.InvalidBundleException;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.bundle.VersionFiles;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.Conll;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Small slices of the seed data keep these runs to a few seconds of encoding. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TrainJobTest {
    private static final SeedCorpus SEED = SeedCorpus.bundled();

    @TempDir
    Path dir;

    @Test
    void newModelBecomesChampionAndAnExistingOneGainsATask() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("registry"));
        EncodingPasses passes = new EncodingPasses();
        TrainJob job = new TrainJob(store, InferenceOptions.defaults(), passes);
        Path train = moderationTrain(50);

        TrainOutcome first = job.run(new TrainRequest(TaskType.CLASSIFICATION, train, null, "mod", null, 42));

        assertEquals(
                List.of("encoding mod at fp32: 45", "encoding mod at int8: 45", "encoding mod dev: 5"),
                passes.started,
                "the head learns from each training text at fp32 and at int8 and is scored at fp32");

        assertEquals(1, first.version().version());
        assertTrue(first.champion());
        assertEquals("mod", first.task());
        assertEquals(1, store.resolve(ModelReference.parse("mod@champion")).version());
        assertNotNull(first.version().manifest().referenceProfile());
        assertTrue(first.version().manifest().trainingDataFingerprint().startsWith("sha256:"));
        assertEquals(5.0, first.metrics().get("mod.dev_n"), "a seeded tenth of 50 examples is held out");

        Path sentiment = dir.resolve("sentiment.tsv");
        ClassificationTsv.write(
                sentiment, SEED.classification("sentiment", Split.TRAIN).subList(0, 40));
        Path sentimentDev = dir.resolve("sentiment-dev.tsv");
        ClassificationTsv.write(
                sentimentDev, SEED.classification("sentiment", Split.DEV).subList(0, 10));
        TrainOutcome second =
                job.run(new TrainRequest(TaskType.CLASSIFICATION, sentiment, sentimentDev, "mod", "sentiment", 42));

        assertEquals(2, second.version().version());
        assertFalse(second.champion());
        assertEquals(1, second.version().manifest().parentVersion());
        assertEquals(1, store.resolve(ModelReference.parse("mod")).version(), "champion unchanged");
        BundleManifest bundle = BundleManifest.read(store.directory(second.version()));
        assertEquals(
                java.util.List.of("mod", "sentiment"),
                bundle.classification().stream().map(ClassificationSpec::task).toList());
        assertEquals(
                first.metrics().get("mod.accuracy"),
                second.metrics().get("mod.accuracy"),
                "metrics of other tasks carry over");
        assertEquals(10.0, second.metrics().get("sentiment.dev_n"));
    }

    @Test
    void aModelOnAnotherBuiltinEncoderTrainsLoadsPredictsAndKeepsItsHeadsToIt() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("registry"));
        EncodingPasses passes = new EncodingPasses();
        TrainJob job = new TrainJob(store, InferenceOptions.defaults(), passes);
        Path train = moderationTrain(50);

        TrainOutcome e5 = job.run(new TrainRequest(
                TaskType.CLASSIFICATION,
                train,
                null,
                "mod-e5",
                null,
                42,
                new EncoderChoice("e5-small-v2", null, null)));

        Path version = store.directory(e5.version());
        BundleManifest bundle = BundleManifest.read(version);
        assertEquals(EncoderSpec.builtin(BuiltinEncoder.E5_SMALL_V2), bundle.encoder());
        EncoderIdentity trainedOn = bundle.classification().get(0).trainedOn();
        assertEquals(EncoderIdentity.of(BuiltinEncoder.E5_SMALL_V2, Pooling.MEAN), trainedOn);
        assertEquals(
                List.of("encoding mod-e5: 45", "encoding mod-e5 dev: 5"),
                passes.started,
                "e5 ships no fp32 twin: its heads learn from the int8 encoder alone");
        List<String> labels = bundle.classification().get(0).labels();
        try (NlpPipeline pipeline = NlpPipeline.load(version, InferenceOptions.defaults())) {
            String label = pipeline.predict(List.of("you are an idiot"))
                    .get(0)
                    .classification("mod-e5")
                    .label();
            assertTrue(labels.contains(label), label);
        }

        var otherEncoder = assertThrows(
                IllegalArgumentException.class,
                () -> job.run(new TrainRequest(
                        TaskType.CLASSIFICATION,
                        train,
                        null,
                        "mod-e5",
                        null,
                        42,
                        new EncoderChoice("all-minilm-l6-v2", null, null))));
        assertTrue(otherEncoder.getMessage().contains("runs on encoder e5-small-v2"), otherEncoder.getMessage());

        Path onMiniLm = dir.resolve("on-minilm");
        VersionFiles.copyBundle(version, onMiniLm, List.of());
        new BundleManifest(EncoderSpec.builtin(BuiltinEncoder.ALL_MINILM_L6_V2), bundle.classification(), null, null)
                .write(onMiniLm);
        var refused = assertThrows(
                InvalidBundleException.class, () -> NlpPipeline.load(onMiniLm, InferenceOptions.defaults()));
        assertTrue(refused.getMessage().contains("its head was trained on encoder e5-small-v2"), refused.getMessage());
    }

    @Test
    void aMeanMaxModelTrainsLoadsPredictsAndRefusesMeanPooling() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("registry"));
        Path train = moderationTrain(120);
        Path dev = dir.resolve("moderation-dev.tsv");
        ClassificationTsv.write(
                dev, SEED.classification("moderation", Split.DEV).subList(0, 40));

        TrainOutcome meanMax = new TrainJob(store, InferenceOptions.defaults(), ProgressListener.NONE)
                .run(new TrainRequest(
                        TaskType.CLASSIFICATION,
                        train,
                        dev,
                        "mod-mean-max",
                        null,
                        42,
                        new EncoderChoice(null, null, Pooling.MEAN_MAX)));

        Path version = store.directory(meanMax.version());
        BundleManifest bundle = BundleManifest.read(version);
        assertEquals(EncoderSpec.builtin(BuiltinEncoder.ALL_MINILM_L6_V2, 256, Pooling.MEAN_MAX), bundle.encoder());
        assertEquals(
                EncoderIdentity.of(BuiltinEncoder.ALL_MINILM_L6_V2, Pooling.MEAN_MAX),
                bundle.classification().get(0).trainedOn());
        assertTrue(
                meanMax.metrics().get("mod-mean-max.accuracy") > 0.7,
                meanMax.metrics().toString());
        try (NlpPipeline pipeline = NlpPipeline.load(version, InferenceOptions.defaults())) {
            assertEquals(
                    "offensive_language",
                    pipeline.predict(List.of("you are a worthless idiot and I hate you"))
                            .get(0)
                            .classification("mod-mean-max")
                            .label());
        }

        Path onMean = dir.resolve("on-mean");
        VersionFiles.copyBundle(version, onMean, List.of());
        new BundleManifest(
                        EncoderSpec.builtin(BuiltinEncoder.ALL_MINILM_L6_V2, 256, Pooling.MEAN),
                        bundle.classification(),
                        null,
                        null)
                .write(onMean);
        var refused =
                assertThrows(InvalidBundleException.class, () -> NlpPipeline.load(onMean, InferenceOptions.defaults()));
        assertTrue(refused.getMessage().contains("(mean+max pooling)"), refused.getMessage());
    }

    @Test
    void aModelOnAnOptimumFeatureExtractionExportCarriesItsEncoder() throws Exception {
        // the int8 MiniLM of the built-in artifact is such an export: model.onnx with last_hidden_state, tokenizer.json
        EncoderFiles miniLm = EncoderFiles.builtinMiniLm(
                InferenceOptions.defaults().modelCacheDir(), EncoderSpec.DEFAULT_MAX_LENGTH, Precision.INT8);
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.copy(miniLm.model(), export.resolve("model.onnx"));
        Files.copy(miniLm.tokenizer(), export.resolve("tokenizer.json"));
        Path train = moderationTrain(50);
        ModelStore store = ModelStore.open(dir.resolve("registry"));

        TrainOutcome outcome = new TrainJob(store, InferenceOptions.defaults(), ProgressListener.NONE)
                .run(new TrainRequest(
                        TaskType.CLASSIFICATION,
                        train,
                        null,
                        "mod-export",
                        null,
                        42,
                        new EncoderChoice(null, export, Pooling.CLS)));

        Path version = store.directory(outcome.version());
        BundleManifest bundle = BundleManifest.read(version);
        assertEquals(
                new EncoderSpec(null, "encoder/model.onnx", "encoder/tokenizer.json", 256, Pooling.CLS),
                bundle.encoder());
        EncoderIdentity trainedOn = bundle.classification().get(0).trainedOn();
        assertTrue(trainedOn.digest().matches("sha256:[0-9a-f]{64}"), trainedOn.toString());
        assertEquals(Pooling.CLS, trainedOn.pooling());
        try (NlpPipeline pipeline = NlpPipeline.load(version, InferenceOptions.defaults())) {
            assertTrue(bundle.classification()
                    .get(0)
                    .labels()
                    .contains(pipeline.predict(List.of("you are an idiot"))
                            .get(0)
                            .classification("mod-export")
                            .label()));
        }
        var incomplete = assertThrows(
                IllegalArgumentException.class,
                () -> new TrainJob(store, InferenceOptions.defaults(), ProgressListener.NONE)
                        .run(new TrainRequest(
                                TaskType.CLASSIFICATION,
                                train,
                                null,
                                "other",
                                null,
                                42,
                                new EncoderChoice(null, dir.resolve("registry"), null))));
        assertTrue(incomplete.getMessage().contains("not a feature-extraction export, no model.onnx"));

        Path broken = Files.createDirectories(dir.resolve("broken-export"));
        Files.writeString(broken.resolve("model.onnx"), "not an onnx graph");
        Files.copy(miniLm.tokenizer(), broken.resolve("tokenizer.json"));
        var unusable = assertThrows(
                IllegalArgumentException.class,
                () -> new TrainJob(store, InferenceOptions.defaults(), ProgressListener.NONE)
                        .run(new TrainRequest(
                                TaskType.CLASSIFICATION,
                                train,
                                null,
                                "broken",
                                null,
                                42,
                                new EncoderChoice(null, broken, null))));
        assertTrue(
                unusable.getMessage().startsWith(broken + ": not a usable feature-extraction export: "),
                unusable.getMessage());
        assertThrows(ModelNotFoundException.class, () -> store.versions("broken"), "nothing is registered");
    }

    @Test
    void nerModelFromConll() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("registry"));
        Path train = dir.resolve("train.conll");
        Conll.write(train, SEED.entities(Split.TRAIN).subList(0, 40));
        Path dev = dir.resolve("dev.conll");
        Conll.write(dev, SEED.entities(Split.DEV).subList(0, 15));

        TrainOutcome outcome = new TrainJob(store, InferenceOptions.defaults(), ProgressListener.NONE)
                .run(new TrainRequest(TaskType.NER, train, dev, "ents", null, 42));

        assertEquals("ner", outcome.task());
        BundleManifest bundle = BundleManifest.read(store.directory(outcome.version()));
        assertNotNull(bundle.ner());
        assertTrue(
                bundle.ner().labels().contains("B-ORDER_ID"),
                bundle.ner().labels().toString());
        assertTrue(outcome.metrics().get("ner.f1") > 0.3, outcome.metrics().toString());
    }

    @Test
    void malformedDataRegistersNothing() throws Exception {
        ModelStore store = ModelStore.open(dir.resolve("registry"));
        TrainJob job = new TrainJob(store, InferenceOptions.defaults(), ProgressListener.NONE);
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "fine\tok\nno tab on this line\n");
        Path badConll = dir.resolve("bad.conll");
        Files.writeString(badConll, "Anna\tI-PERSON\n");

        DatasetFormatException e = assertThrows(
                DatasetFormatException.class,
                () -> job.run(new TrainRequest(TaskType.CLASSIFICATION, bad, null, "m", null, 1)));
        assertEquals(bad + ":2: no tab between text and label", e.getMessage());
        assertEquals(
                1,
                assertThrows(
                                DatasetFormatException.class,
                                () -> job.run(new TrainRequest(TaskType.NER, badConll, null, "m", null, 1)))
                        .line());
        Path oneLabel = dir.resolve("one-label.tsv");
        Files.writeString(oneLabel, "a\tx\nb\tx\nc\tx\nd\tx\n");
        assertThrows(
                IllegalArgumentException.class,
                () -> job.run(new TrainRequest(TaskType.CLASSIFICATION, oneLabel, oneLabel, "m", null, 1)));
        assertTrue(store.list().isEmpty());
    }

    @Test
    void headNameFollowsTheRules() {
        TrainRequest plain = new TrainRequest(TaskType.CLASSIFICATION, Path.of("t"), null, "banking77", null, 1);
        assertEquals("banking77", TrainJob.headName(plain, null));
        assertEquals(
                "classification",
                TrainJob.headName(
                        new TrainRequest(TaskType.CLASSIFICATION, Path.of("t"), null, "My.Model", null, 1), null));
        assertEquals(
                "intent",
                TrainJob.headName(
                        new TrainRequest(TaskType.CLASSIFICATION, Path.of("t"), null, "m", "intent", 1), null));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainJob.headName(
                        new TrainRequest(TaskType.CLASSIFICATION, Path.of("t"), null, "m", "Bad Name", 1), null));
    }

    /** The encoding passes a job started, as "phase: texts". */
    private static final class EncodingPasses implements ProgressListener {
        final List<String> started = new ArrayList<>();

        @Override
        public void start(String phase, long total) {
            if (phase.startsWith("encoding ")) {
                started.add(phase + ": " + total);
            }
        }

        @Override
        public void advance(long done) {}

        @Override
        public void finish(String summary) {}
    }

    /** The first {@code n} seed moderation training examples, written where the tests' train file goes. */
    private Path moderationTrain(int n) throws IOException {
        Path train = dir.resolve("moderation.tsv");
        ClassificationTsv.write(
                train, SEED.classification("moderation", Split.TRAIN).subList(0, n));
        return train;
    }
}
