package io.streamnlp.finetune.job;

import static io.streamnlp.finetune.FloatArrays.maxDifference;
import static io.streamnlp.finetune.FloatArrays.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.TaskKind;
import io.streamnlp.finetune.TestEncoder;
import io.streamnlp.finetune.TinyData;
import io.streamnlp.finetune.model.EncoderConfig;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.SentenceClassifier;
import io.streamnlp.finetune.model.TokenClassifier;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.TrainingProgress;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.encoder.TokenBatch;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.runtime.DenseOnnxModel;
import io.streamnlp.inference.runtime.FloatMatrix;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.Conll;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.job.TaskType;
import io.streamnlp.training.job.TrainJob;
import io.streamnlp.training.job.TrainRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class FineTuneJobTest {

    private static final FineTuneConfig CONFIG = FineTuneConfig.defaults()
            .withEpochs(1)
            .withBatchSize(4)
            .withMaxSteps(1)
            .withMaxLength(32)
            .withSeed(3)
            // a large step, so that the fine-tuned encoder is measurably not the base one
            .withLearningRates(1e-3f, 1e-2f);
    private static final List<String> PROBES = List.of("refund my double charge please", "my parcel is lost");

    @TempDir
    Path dir;

    private Path trainTsv;
    private Path devTsv;
    private Path trainConll;
    private Path devConll;
    private ModelStore store;

    @BeforeEach
    void writeDataAndOpenRegistry() throws Exception {
        trainTsv = dir.resolve("train.tsv");
        devTsv = dir.resolve("dev.tsv");
        trainConll = dir.resolve("train.conll");
        devConll = dir.resolve("dev.conll");
        ClassificationTsv.write(trainTsv, TinyData.TRAIN);
        ClassificationTsv.write(devTsv, TinyData.DEV);
        Conll.write(trainConll, TinyData.TAGGED_TRAIN);
        Conll.write(devConll, TinyData.TAGGED_DEV);
        store = ModelStore.open(dir.resolve("registry"));
    }

    @Test
    void registersABundleThatOnnxRuntimeServesLikeTheTrainingSide() throws Exception {
        FineTuneOutcome outcome =
                job().run(new FineTuneRequest(TaskType.CLASSIFICATION, trainTsv, devTsv, "tickets", "topic", CONFIG));

        ModelVersion version = outcome.version();
        assertEquals(1, version.version());
        assertTrue(outcome.champion());
        assertEquals("topic", outcome.task());
        assertEquals(outcome.training().devScore(), version.manifest().metrics().get("topic.accuracy"));
        Path bundle = store.directory(version);
        BundleManifest manifest = BundleManifest.read(bundle);
        assertEquals("encoder/model.onnx", manifest.encoder().path());
        assertEquals(
                List.of("billing", "shipping"), manifest.classification().get(0).labels());

        float[][] expectedEmbeddings;
        float[][] expectedProbabilities;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
                EncoderTokenizer tokenizer =
                        EncoderTokenizer.load(TestEncoder.files().tokenizer(), CONFIG.maxLength())) {
            SentenceClassifier classifier =
                    SentenceClassifier.of(outcome.training().weights(), EncoderConfig.MINILM_L6, manager);
            ParameterStore parameters = new ParameterStore(manager, false);
            NDList inputs = tokenizer.encode(PROBES).toNDList(manager);
            expectedEmbeddings =
                    rows(classifier.embed(parameters, inputs, false).toFloatArray(), PROBES.size());
            expectedProbabilities = rows(
                    classifier
                            .forward(parameters, inputs, false)
                            .singletonOrThrow()
                            .softmax(1)
                            .toFloatArray(),
                    PROBES.size());
        }
        EncodedBatch base;
        try (SharedEncoder builtin = SharedEncoder.load(TestEncoder.files(), TestEncoder.options())) {
            base = builtin.encode(PROBES);
        }
        try (NlpPipeline pipeline = NlpPipeline.load(bundle, TestEncoder.options())) {
            List<NlpResult> results = pipeline.predict(PROBES);
            for (int i = 0; i < PROBES.size(); i++) {
                float[] embedding = results.get(i).embedding();
                assertTrue(
                        maxDifference(base.get(i).embedding(), embedding) > 1e-2,
                        "the served encoder is still the base encoder");
                for (int d = 0; d < embedding.length; d++) {
                    assertEquals(expectedEmbeddings[i][d], embedding[d], 1e-3, "embedding " + i + "[" + d + "]");
                }
                Classification c = results.get(i).classification("topic");
                int index = List.of("billing", "shipping").indexOf(c.label());
                assertEquals(expectedProbabilities[i][index], c.score(), 1e-3, "probability of " + c.label());
                assertEquals(Math.max(expectedProbabilities[i][0], expectedProbabilities[i][1]), c.score(), 1e-3);
            }
        }
    }

    @Test
    void registersANerBundleWhoseOnnxTokenScoresEqualTheTrainingSide() throws Exception {
        FineTuneOutcome outcome =
                job().run(new FineTuneRequest(TaskType.NER, trainConll, devConll, "people", null, CONFIG));

        assertEquals("ner", outcome.task());
        assertTrue(outcome.version().manifest().metrics().containsKey("ner.f1"));
        Path bundle = store.directory(outcome.version());
        BundleManifest manifest = BundleManifest.read(bundle);
        NerSpec ner = manifest.ner();
        assertEquals(0, ner.contextWindow());
        assertEquals(outcome.training().weights().labels(), ner.labels());
        assertTrue(manifest.classification().isEmpty());

        float[] expected;
        int length;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
                EncoderTokenizer tokenizer =
                        EncoderTokenizer.load(TestEncoder.files().tokenizer(), CONFIG.maxLength())) {
            TokenClassifier classifier =
                    TokenClassifier.of(outcome.training().weights(), EncoderConfig.MINILM_L6, manager);
            TokenBatch batch = tokenizer.encode(PROBES);
            length = batch.length();
            expected = classifier
                    .forward(new ParameterStore(manager, false), batch.toNDList(manager), false)
                    .singletonOrThrow()
                    .softmax(-1)
                    .toFloatArray();
        }
        int labels = ner.labels().size();
        int compared = 0;
        try (SharedEncoder served =
                        SharedEncoder.load(EncoderFiles.of(manifest.encoder(), bundle, dir), TestEncoder.options());
                DenseOnnxModel head = DenseOnnxModel.load(
                        bundle.resolve(ner.path()), ner.input(), ner.output(), TestEncoder.options())) {
            EncodedBatch encoded = served.encode(PROBES);
            for (int i = 0; i < PROBES.size(); i++) {
                EncodedText text = encoded.get(i);
                FloatMatrix scores =
                        head.apply(new FloatMatrix(text.tokenCount(), text.dim(), text.tokenFeatureRows(0)));
                for (int t = 0; t < text.tokenCount(); t++) {
                    for (int l = 0; l < labels; l++) {
                        assertEquals(
                                expected[(i * length + t) * labels + l],
                                scores.get(t, l),
                                1e-3,
                                "text " + i + " token " + t + " label "
                                        + ner.labels().get(l));
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 10 * labels);
        try (NlpPipeline pipeline = NlpPipeline.load(bundle, TestEncoder.options())) {
            assertEquals(PROBES.size(), pipeline.predict(PROBES).size());
        }
    }

    @Test
    void anExistingModelKeepsItsOtherTasksAndGetsTheFineTunedOneAsAnHfTask() throws Exception {
        TrainJob heads = new TrainJob(store, TestEncoder.options(), ProgressListener.NONE);
        heads.run(new TrainRequest(TaskType.CLASSIFICATION, trainTsv, devTsv, "tickets", "topic", 1));
        ModelVersion withNer = heads.run(new TrainRequest(TaskType.NER, trainConll, null, "tickets", null, 1))
                .version();
        ModelVersion parent = store.setAlias("tickets", ModelReference.DEFAULT_ALIAS, withNer.version());
        BundleManifest before = BundleManifest.read(store.directory(parent));

        FineTuneOutcome outcome =
                job().run(new FineTuneRequest(TaskType.CLASSIFICATION, trainTsv, devTsv, "tickets", "topic", CONFIG));

        ModelVersion version = outcome.version();
        assertEquals(parent.version(), version.manifest().parentVersion());
        BundleManifest after = BundleManifest.read(store.directory(version));
        assertEquals(before.encoder(), after.encoder());
        assertEquals(before.ner(), after.ner());
        ClassificationSpec topic = after.classification().get(0);
        assertEquals(TaskKind.HF, topic.kind());
        assertEquals("tasks/topic", topic.path());
        assertEquals(List.of("billing", "shipping"), version.manifest().labelsOf("topic"));
        assertFalse(
                Files.exists(store.directory(version)
                        .resolve(before.classification().get(0).path())),
                "the replaced head's file is gone");
        assertEquals(
                parent.manifest().metrics().get("ner.f1"),
                version.manifest().metrics().get("ner.f1"));
        assertEquals(outcome.training().devScore(), version.manifest().metrics().get("topic.accuracy"));
        try (NlpPipeline pipeline = NlpPipeline.load(store.directory(version), TestEncoder.options())) {
            NlpResult result = pipeline.predict(PROBES).get(0);
            assertTrue(List.of("billing", "shipping")
                    .contains(result.classification("topic").label()));
        }
    }

    @Test
    void nerFineTunedIntoAClassificationModelRunsBesideItsHead() throws Exception {
        ModelVersion parent = new TrainJob(store, TestEncoder.options(), ProgressListener.NONE)
                .run(new TrainRequest(TaskType.CLASSIFICATION, trainTsv, devTsv, "tickets", "topic", 1))
                .version();

        FineTuneOutcome outcome =
                job().run(new FineTuneRequest(TaskType.NER, trainConll, devConll, "tickets", null, CONFIG));

        BundleManifest after = BundleManifest.read(store.directory(outcome.version()));
        assertEquals(BundleManifest.read(store.directory(parent)).classification(), after.classification());
        assertEquals(TaskKind.HF, after.ner().kind());
        assertEquals("tasks/ner", after.ner().path());
        assertEquals(
                outcome.training().weights().labels(),
                outcome.version().manifest().labelsOf("ner"));
        try (NlpPipeline pipeline = NlpPipeline.load(store.directory(outcome.version()), TestEncoder.options())) {
            NlpResult result =
                    pipeline.predict(List.of("Maria Keller flew to Oslo")).get(0);
            assertTrue(List.of("billing", "shipping")
                    .contains(result.classification("topic").label()));
            assertTrue(
                    result.entities().stream()
                            .allMatch(e ->
                                    List.of("person", "location", "corporation").contains(e.type())),
                    result.entities().toString());
        }
    }

    @Test
    void emptyTrainingFileRegistersNothing() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "");

        assertThrows(
                DatasetFormatException.class,
                () -> job().run(new FineTuneRequest(TaskType.CLASSIFICATION, empty, null, "tickets", null, CONFIG)));
        assertTrue(store.list().isEmpty());
    }

    private FineTuneJob job() {
        return new FineTuneJob(store, TestEncoder.options(), TrainingProgress.silent(), ProgressListener.NONE);
    }
}
