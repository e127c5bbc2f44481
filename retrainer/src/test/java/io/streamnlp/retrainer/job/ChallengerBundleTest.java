package io.streamnlp.retrainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.TaskKind;
import io.streamnlp.finetune.job.EncoderFineTuning;
import io.streamnlp.finetune.job.FineTunedModel;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.TrainingProgress;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.ModelFormat;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.training.data.LabeledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A fine-tuned challenger of a champion imported as hf-onnx: the export was the task, so the fine-tuned task replaces it whole. */
@Timeout(300)
class ChallengerBundleTest {

    /** inference's tiny transformers fixture; Surefire runs in the module directory. */
    private static final Path HF_SEQUENCE_CLASSIFIER =
            Path.of("..", "inference", "src", "test", "resources", "fixtures", "bert-tiny-sequence-classification");

    private static final InferenceOptions OPTIONS =
            InferenceOptions.builder().intraOpThreads(1).predictors(1).build();
    private static final FineTuneConfig ONE_STEP = FineTuneConfig.defaults()
            .withEpochs(1)
            .withBatchSize(4)
            .withMaxSteps(1)
            .withMaxLength(32)
            .withSeed(3);
    private static final List<String> LABELS = List.of("billing", "shipping");

    @TempDir
    Path temp;

    @Test
    void aFineTunedChallengerOfAnImportedExportIsTheEncoderAndTheFineTunedTask() throws Exception {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion champion = store.register(
                "sentiment",
                export(temp.resolve("export")),
                RegistrationRequest.builder()
                        .format(ModelFormat.HF_ONNX)
                        .task("sentiment")
                        .build());
        Path championDir = temp.resolve("champion");
        store.download(champion.reference(), championDir);
        List<LabeledText> train = List.of(
                new LabeledText("refund my double charge please", "billing"),
                new LabeledText("I was billed twice", "billing"),
                new LabeledText("my parcel is lost", "shipping"),
                new LabeledText("the delivery is late", "shipping"));
        FineTunedModel<?> model = new EncoderFineTuning(OPTIONS, TrainingProgress.silent())
                .classification(train, train, LABELS, ONE_STEP);

        Path challengerDir = temp.resolve("challenger");
        BundleManifest challenger =
                ChallengerBundle.writeFineTuned(championDir, champion.manifest(), challengerDir, "sentiment", model);

        assertEquals(EncoderSpec.MINILM, challenger.encoder().builtin());
        ClassificationSpec task = challenger.classification().get(0);
        assertEquals(
                List.of("sentiment"),
                challenger.classification().stream()
                        .map(ClassificationSpec::task)
                        .toList());
        assertEquals(TaskKind.HF, task.kind());
        assertEquals("tasks/sentiment", task.path());
        assertEquals(LABELS, task.labels());
        assertFalse(Files.exists(challengerDir.resolve("model.onnx")), "the champion's export is not carried over");
        try (NlpPipeline pipeline = NlpPipeline.load(challengerDir, OPTIONS)) {
            String label = pipeline.predict(List.of("where is my parcel"))
                    .get(0)
                    .classification("sentiment")
                    .label();
            assertTrue(LABELS.contains(label), label);
        }
    }

    private static Path export(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(HF_SEQUENCE_CLASSIFIER)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("reference.json"))
                    .toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        return dir;
    }
}
