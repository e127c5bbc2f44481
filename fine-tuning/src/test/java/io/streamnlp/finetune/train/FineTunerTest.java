package io.streamnlp.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.streamnlp.finetune.TestEncoder;
import io.streamnlp.finetune.TinyData;
import io.streamnlp.finetune.model.BertEncoder;
import io.streamnlp.finetune.model.EncoderConfig;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.EncoderWithHead;
import io.streamnlp.finetune.model.SentenceClassifier;
import io.streamnlp.finetune.model.TokenClassifier;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import io.streamnlp.finetune.train.FineTuneConfig.Setting;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TaggedSentence;
import io.streamnlp.training.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(300)
class FineTunerTest {

    private static final List<String> LABELS = List.of("billing", "shipping");
    private static final FineTuneConfig CONFIG = FineTuneConfig.defaults()
            .withEpochs(1)
            .withBatchSize(4)
            .withMaxSteps(2)
            .withMaxLength(32)
            .withSeed(7);
    private static final String QUERY = "encoder.layer.5.attention.self.query.weight";

    private static EncoderFiles files;
    private static OnnxEncoderWeights base;

    @BeforeAll
    static void readBase() throws Exception {
        files = TestEncoder.files();
        base = OnnxEncoderWeights.read(files.model());
    }

    @Test
    void twoStepsChangeEncoderAndHeadAndRepeatExactly() throws Exception {
        FineTuned<?> first = classify(CONFIG, TrainingProgress.silent());
        FineTuned<?> second = classify(CONFIG, TrainingProgress.silent());

        assertEquals(2, first.steps());
        assertEquals(8, first.examples());
        assertFalse(first.stoppedByTimeLimit());
        float[] tuned = first.weights().encoder().get(QUERY).values();
        assertFalse(Arrays.equals(base.get(QUERY).values(), tuned), "the encoder was not updated");
        assertTrue(first.weights().head().bias()[0] != 0f, "the head was not updated");
        assertArrayEquals(tuned, second.weights().encoder().get(QUERY).values(), 0f);
        assertArrayEquals(first.weights().head().bias(), second.weights().head().bias(), 0f);
    }

    @Test
    void timeLimitKeepsTheEvaluatedCheckpoint() throws Exception {
        long[] clock = {0};
        // each reading of the clock advances it by 1 s: the deadline is set at 1 s + 3 s, the first
        // step's checks read 2, 3 and 4 s, so the check before the second step finds the time up
        FineTuned<?> result =
                classify(CONFIG.withMaxSeconds(3), TrainingProgress.silent(), () -> clock[0] += 1_000_000_000L);

        assertTrue(result.stoppedByTimeLimit());
        assertEquals(1, result.steps());
        assertEquals(1, result.bestStep());
        assertEquals(2, ((ClassificationReport) result.dev()).n());
    }

    @Test
    void aPickedScheduleTrainsExactlyAsTheSameScheduleGivenOutright() throws Exception {
        List<String> lines = new ArrayList<>();
        FineTuneConfig timed = CONFIG.withMaxSteps(0).withMaxSeconds(600).withPicked(EnumSet.allOf(Setting.class));
        FineTuned<?> picked = classify(timed, TrainingProgress.lines(lines::add));

        FineTuneConfig schedule = picked.schedule();
        assertTrue(schedule.picked().isEmpty());
        // 2 steps of 4 texts an epoch: 10 epochs for small data, 10 evaluations
        assertEquals(10, schedule.epochs());
        assertEquals(20, schedule.maxSteps());
        assertEquals(2, schedule.evalEverySteps());
        assertEquals(3, schedule.patience());
        assertEquals(3e-2f, schedule.headLearningRate());
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.startsWith("schedule for ")
                                && l.contains("--epochs 10 --max-steps 20 --max-length 32")
                                && l.contains("--eval-every 2 --patience 3")),
                lines.toString());
        assertEquals(2, picked.devCurve().points().get(0).step());

        FineTuned<?> given = classify(schedule, TrainingProgress.silent());
        assertEquals(picked.steps(), given.steps());
        assertEquals(picked.devCurve(), given.devCurve());
        assertArrayEquals(
                picked.weights().encoder().get(QUERY).values(),
                given.weights().encoder().get(QUERY).values(),
                0f,
                "measuring the step cost changed the run");
        assertArrayEquals(picked.weights().head().bias(), given.weights().head().bias(), 0f);
    }

    @Test
    void patienceStopsAfterThatManyEvaluationsWithoutABetterScore() throws Exception {
        // two dev texts: accuracy takes at most three values, so 12 evaluations cannot all improve
        FineTuneConfig config =
                CONFIG.withMaxSteps(0).withEpochs(6).withEvalEverySteps(1).withPatience(2);
        FineTuned<?> result = classify(config, TrainingProgress.silent());

        assertTrue(result.stoppedEarly());
        assertTrue(result.steps() < 12, "steps: " + result.steps());
        List<DevCurve.Point> curve = result.devCurve().points();
        assertEquals(result.steps(), curve.size());
        assertEquals(result.bestStep(), curve.get(curve.size() - 3).step(), curve.toString());
        for (DevCurve.Point p : curve.subList(curve.size() - 2, curve.size())) {
            assertTrue(p.score() <= result.devScore(), curve.toString());
        }
    }

    @Test
    void unknownTrainingLabelIsRefused() throws Exception {
        List<LabeledText> train = List.of(new LabeledText("where is my parcel", "returns"));
        assertThrows(
                IllegalArgumentException.class,
                () -> withModel(model -> {
                    BertEncoder encoder = BertEncoder.pretrained(EncoderConfig.MINILM_L6, base, model.getNDManager());
                    try (EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), 32)) {
                        new SequenceClassificationTask(
                                SentenceClassifier.withNewHead(encoder, LABELS, 1, model.getNDManager()),
                                tokenizer,
                                train,
                                TinyData.DEV);
                    }
                    return null;
                }));
    }

    @Test
    void tokenClassificationLearnsTheTrainingEntitiesAndRepeatsExactly() throws Exception {
        FineTuneConfig config = CONFIG.withMaxSteps(0)
                .withEpochs(12)
                .withLearningRates(2e-4f, 3e-2f)
                .withEvalEverySteps(0);
        FineTuned<?> first = tag(config, TinyData.TAGGED_TRAIN);
        FineTuned<?> second = tag(config, TinyData.TAGGED_TRAIN);

        assertEquals(12, first.steps());
        assertFalse(
                Arrays.equals(
                        base.get(QUERY).values(),
                        first.weights().encoder().get(QUERY).values()),
                "the encoder was not updated");
        assertArrayEquals(
                first.weights().encoder().get(QUERY).values(),
                second.weights().encoder().get(QUERY).values(),
                0f);
        // dev = the training sentences: a dozen steps on four sentences should fit them
        assertTrue(first.devScore() > 0.5, "entity F1 on the training sentences: " + first.devScore());
        assertEquals(
                List.of("B-corporation", "B-location", "B-person", "I-corporation", "I-location", "I-person", "O"),
                first.weights().labels());
    }

    @Test
    void aStepWithoutFiniteGradientsIsSkippedAndTrainingGoesOn() throws Exception {
        FineTuneConfig config = CONFIG.withMaxSteps(0).withEpochs(2);
        FineTuned<?> result = withModel(model -> {
            try (EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), config.maxLength())) {
                BertEncoder encoder = BertEncoder.pretrained(EncoderConfig.MINILM_L6, base, model.getNDManager());
                SentenceClassifier classifier =
                        SentenceClassifier.withNewHead(encoder, LABELS, config.seed(), model.getNDManager());
                FineTuneTask<ClassificationReport> task = new FirstGradientNotFinite(
                        new SequenceClassificationTask(classifier, tokenizer, TinyData.TRAIN, TinyData.DEV));
                model.setBlock(classifier);
                return new FineTuner(config, TrainingProgress.silent()).train(model, task);
            }
        });

        assertEquals(4, result.steps());
        float[] tuned = result.weights().encoder().get(QUERY).values();
        assertFalse(Arrays.equals(base.get(QUERY).values(), tuned), "the steps after the skipped one did not train");
        for (float v : tuned) {
            assertTrue(Float.isFinite(v), "a weight is not finite");
        }
        for (float v : result.weights().head().bias()) {
            assertTrue(Float.isFinite(v) && v != 0f, "head bias " + v);
        }
    }

    /** Cross-entropy, except that the first step's loss is sum(sqrt(p - p)): 0, with gradient 0 * inf = NaN. */
    private record FirstGradientNotFinite(FineTuneTask<ClassificationReport> task)
            implements FineTuneTask<ClassificationReport> {
        @Override
        public Loss loss() {
            Loss crossEntropy = task.loss();
            int[] calls = {0};
            return new Loss("first-gradient-not-finite") {
                @Override
                public NDArray evaluate(NDList labels, NDList predictions) {
                    NDArray p = predictions.singletonOrThrow();
                    return calls[0]++ == 0 ? p.sub(p).sqrt().sum() : crossEntropy.evaluate(labels, predictions);
                }
            };
        }

        @Override
        public EncoderWithHead block() {
            return task.block();
        }

        @Override
        public int trainingExamples() {
            return task.trainingExamples();
        }

        @Override
        public int tokens(int example) {
            return task.tokens(example);
        }

        @Override
        public int devExamples() {
            return task.devExamples();
        }

        @Override
        public int devTokens(int example) {
            return task.devTokens(example);
        }

        @Override
        public float headLearningRate() {
            return task.headLearningRate();
        }

        @Override
        public Batch batch(int[] rows, NDManager manager) {
            return task.batch(rows, manager);
        }

        @Override
        public Evaluation<ClassificationReport> evaluate(Trainer trainer) {
            return task.evaluate(trainer);
        }

        @Override
        public String scoreName() {
            return task.scoreName();
        }
    }

    @Test
    void progressGoesToALineConsumerAsWholeLines() throws Exception {
        List<String> lines = new ArrayList<>();
        FineTuned<?> result = withModel(model -> {
            try (EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), CONFIG.maxLength())) {
                BertEncoder encoder = BertEncoder.pretrained(EncoderConfig.MINILM_L6, base, model.getNDManager());
                SentenceClassifier classifier =
                        SentenceClassifier.withNewHead(encoder, LABELS, CONFIG.seed(), model.getNDManager());
                model.setBlock(classifier);
                return new FineTuner(CONFIG, TrainingProgress.lines(lines::add))
                        .train(
                                model,
                                new SequenceClassificationTask(classifier, tokenizer, TinyData.TRAIN, TinyData.DEV));
            }
        });

        assertEquals(2, result.steps());
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.startsWith("fine-tune [") && l.contains("step 2/2") && l.endsWith("ex/s")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("dev accuracy ")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("\n") || l.contains("\r")), lines.toString());
    }

    @Test
    void maskedLossCountsOnlyLabelledTokens() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // one sentence, three tokens, two labels; only the middle token is labelled (label 1)
            NDArray logits = m.create(new float[] {5, -5, 0, 0, 9, -9}, new Shape(1, 3, 2));
            NDList labels = new NDList(
                    m.create(new long[] {0, 1, 1}, new Shape(1, 3)), m.create(new float[] {0, 1, 0}, new Shape(1, 3)));
            float loss = new MaskedTokenCrossEntropy()
                    .evaluate(labels, new NDList(logits))
                    .getFloat();
            assertEquals(Math.log(2), loss, 1e-5);
        }
    }

    private static FineTuned<?> classify(FineTuneConfig config, TrainingProgress progress) throws Exception {
        return classify(config, progress, System::nanoTime);
    }

    private static FineTuned<?> classify(FineTuneConfig config, TrainingProgress progress, LongSupplier clock)
            throws Exception {
        return withModel(model -> {
            try (EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), config.maxLength())) {
                BertEncoder encoder = BertEncoder.pretrained(EncoderConfig.MINILM_L6, base, model.getNDManager());
                SentenceClassifier classifier =
                        SentenceClassifier.withNewHead(encoder, LABELS, config.seed(), model.getNDManager());
                SequenceClassificationTask task =
                        new SequenceClassificationTask(classifier, tokenizer, TinyData.TRAIN, TinyData.DEV);
                model.setBlock(classifier);
                return new FineTuner(config, progress, clock).train(model, task);
            }
        });
    }

    private static FineTuned<?> tag(FineTuneConfig config, List<TaggedSentence> data) throws Exception {
        return withModel(model -> {
            try (EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), config.maxLength())) {
                BertEncoder encoder = BertEncoder.pretrained(EncoderConfig.MINILM_L6, base, model.getNDManager());
                TokenClassifier classifier = TokenClassifier.withNewHead(
                        encoder, TokenClassificationTask.labelsOf(data), config.seed(), model.getNDManager());
                TokenClassificationTask task = new TokenClassificationTask(classifier, tokenizer, data, data);
                model.setBlock(classifier);
                return new FineTuner(config, TrainingProgress.silent()).train(model, task);
            }
        });
    }

    private interface ModelAction {
        FineTuned<?> run(Model model) throws Exception;
    }

    private static FineTuned<?> withModel(ModelAction action) throws Exception {
        try (Model model = Model.newInstance("fine-tune-test", Device.cpu(), "PyTorch")) {
            return action.run(model);
        }
    }
}
