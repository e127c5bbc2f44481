package io.streamnlp.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import io.streamnlp.finetune.TestEncoder;
import io.streamnlp.finetune.TinyData;
import io.streamnlp.finetune.model.BertEncoder;
import io.streamnlp.finetune.model.EncoderConfig;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.SentenceClassifier;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import io.streamnlp.inference.encoder.EncoderFiles;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(300)
class ClassificationFineTunerTest {

    private static final List<String> LABELS = List.of("billing", "shipping");
    private static final FineTuneConfig CONFIG = FineTuneConfig.defaults()
            .withEpochs(1).withBatchSize(4).withMaxSteps(2).withMaxLength(32).withSeed(7);

    private static EncoderFiles files;
    private static OnnxEncoderWeights base;

    @BeforeAll
    static void readBase() throws Exception {
        files = TestEncoder.files();
        base = OnnxEncoderWeights.read(files.model());
    }

    @Test
    void twoStepsChangeEncoderAndHeadAndRepeatExactly() throws Exception {
        FineTunedClassifier first = run(CONFIG);
        FineTunedClassifier second = run(CONFIG);

        assertEquals(2, first.steps());
        assertEquals(8, first.examples());
        assertFalse(first.stoppedByTimeLimit());
        String query = "encoder.layer.5.attention.self.query.weight";
        float[] tuned = first.weights().encoder().get(query).values();
        assertFalse(java.util.Arrays.equals(base.get(query).values(), tuned), "the encoder was not updated");
        assertTrue(first.weights().head().bias()[0] != 0f, "the head was not updated");
        assertArrayEquals(tuned, second.weights().encoder().get(query).values(), 0f);
        assertArrayEquals(first.weights().head().bias(), second.weights().head().bias(), 0f);
    }

    @Test
    void timeLimitKeepsTheEvaluatedCheckpoint() throws Exception {
        long[] clock = {0};
        // each reading of the clock advances it by 1 s: the deadline is set at 1 s + 3 s, the first
        // step's checks read 2, 3 and 4 s, so the check before the second step finds the time up
        FineTunedClassifier result = run(CONFIG.withMaxSeconds(3), () -> clock[0] += 1_000_000_000L);

        assertTrue(result.stoppedByTimeLimit());
        assertEquals(1, result.steps());
        assertEquals(1, result.bestStep());
        assertEquals(2, result.dev().n());
    }

    private static FineTunedClassifier run(FineTuneConfig config) throws Exception {
        return run(config, System::nanoTime);
    }

    private static FineTunedClassifier run(FineTuneConfig config, java.util.function.LongSupplier clock) throws Exception {
        try (Model model = Model.newInstance("fine-tune-test", Device.cpu(), "PyTorch");
                EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), config.maxLength())) {
            BertEncoder encoder = BertEncoder.pretrained(EncoderConfig.MINILM_L6, base, model.getNDManager());
            SentenceClassifier classifier = SentenceClassifier.withNewHead(encoder, LABELS, config.seed(), model.getNDManager());
            model.setBlock(classifier);
            return new ClassificationFineTuner(config, TrainingProgress.silent(), clock)
                    .train(model, classifier, tokenizer, TinyData.TRAIN, TinyData.DEV);
        }
    }
}
