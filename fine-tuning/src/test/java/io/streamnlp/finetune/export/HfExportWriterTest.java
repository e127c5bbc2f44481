package io.streamnlp.finetune.export;

import static io.streamnlp.finetune.FloatArrays.maxDifference;
import static io.streamnlp.finetune.FloatArrays.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.finetune.TestEncoder;
import io.streamnlp.finetune.model.BertEncoder;
import io.streamnlp.finetune.model.ClassifierWeights;
import io.streamnlp.finetune.model.EncoderConfig;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.SentenceClassifier;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import io.streamnlp.finetune.onnx.WeightTensor;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.encoder.TokenBatch;
import io.streamnlp.inference.hf.AggregationStrategy;
import io.streamnlp.inference.hf.HfModelConfig;
import io.streamnlp.inference.hf.HfSequenceClassifier;
import io.streamnlp.inference.hf.HfTokenClassifier;
import io.streamnlp.inference.hf.ScoreFunction;
import io.streamnlp.inference.hf.ScoredLabel;
import io.streamnlp.inference.hf.SequenceClassification;
import io.streamnlp.inference.hf.TokenEntity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class HfExportWriterTest {

    private static final EncoderConfig CONFIG = EncoderConfig.MINILM_L6;
    private static final List<String> TEXTS = List.of(
            "hi",
            "My card payment was declined twice today.",
            "Where is the parcel I ordered from Berlin last Tuesday? The tracking page says nothing at all.");
    private static final List<String> TOPICS = List.of("billing", "shipping", "account");
    private static final List<String> TAGS = List.of("O", "B-ITEM", "I-ITEM", "B-PLACE", "I-PLACE");
    /**
     * Head weight scales that give logits of a few units on the unit-length sentence embedding and on
     * the token states, so that the softmax is far from uniform and probabilities tell heads apart.
     */
    private static final double SENTENCE_HEAD_STD = 2.0;

    private static final double TOKEN_HEAD_STD = 0.2;
    private static final double TOLERANCE = 1e-3;

    private static EncoderFiles files;
    private static OnnxEncoderWeights base;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws Exception {
        files = TestEncoder.files();
        base = OnnxEncoderWeights.read(files.model());
    }

    @Test
    void sequenceExportServesThePyTorchClassifier() throws Exception {
        LinearHead head = randomHead(TOPICS.size(), SENTENCE_HEAD_STD, 11);
        float[][] expected;
        float[][] untuned;
        ClassifierWeights weights;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
                EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), files.maxLength())) {
            SentenceClassifier classifier =
                    SentenceClassifier.of(new ClassifierWeights(perturbed(), head, TOPICS), CONFIG, manager);
            SentenceClassifier original =
                    SentenceClassifier.of(new ClassifierWeights(pretrained(), head, TOPICS), CONFIG, manager);
            ParameterStore store = new ParameterStore(manager, false);
            NDList inputs = tokenizer.encode(TEXTS).toNDList(manager);
            expected = rows(
                    classifier.forward(store, inputs, false).singletonOrThrow().toFloatArray(), TEXTS.size());
            untuned = rows(
                    original.forward(store, inputs, false).singletonOrThrow().toFloatArray(), TEXTS.size());
            weights = ClassifierWeights.of(classifier);
        }

        HfExportWriter.write(
                dir,
                HfExportWriter.Pooling.MEAN_NORMALIZED,
                weights.encoderValues(),
                weights.head(),
                weights.labels(),
                base,
                files.tokenizer());

        OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(dir.resolve(HfExportWriter.MODEL)))
                .getGraph();
        assertEquals(
                List.of("logits"),
                graph.getOutputList().stream()
                        .map(OnnxMl.ValueInfoProto::getName)
                        .toList());
        HfModelConfig config = HfModelConfig.read(dir.resolve(HfExportWriter.CONFIG));
        assertEquals("bert", config.modelType());
        assertEquals(512, config.maxPositionEmbeddings().orElseThrow());
        try (HfSequenceClassifier served = HfSequenceClassifier.load(dir, TestEncoder.options())) {
            assertEquals(TOPICS, served.labels());
            List<SequenceClassification> results = served.classify(TEXTS);
            double worst = 0;
            for (int i = 0; i < TEXTS.size(); i++) {
                SequenceClassification result = results.get(i);
                assertTrue(
                        maxDifference(untuned[i], result.logits()) > 0.05,
                        "text " + i + " is served with the original encoder weights");
                worst = Math.max(worst, maxDifference(expected[i], result.logits()));
                float[] probabilities = ScoreFunction.SOFTMAX.apply(expected[i]);
                for (ScoredLabel scored : result.ranked()) {
                    worst = Math.max(worst, Math.abs(probabilities[scored.index()] - scored.score()));
                }
            }
            assertTrue(worst < TOLERANCE, "largest difference of logits and probabilities to PyTorch: " + worst);
        }
    }

    @Test
    void tokenExportServesThePyTorchTagger() throws Exception {
        LinearHead head = randomHead(TAGS.size(), TOKEN_HEAD_STD, 13);
        float[][][] expected;
        TokenBatch batch;
        ClassifierWeights weights;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
                EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), files.maxLength())) {
            // holds the encoder and head for ClassifierWeights.of; the token logits come from its encoder's states
            SentenceClassifier tagger =
                    SentenceClassifier.of(new ClassifierWeights(perturbed(), head, TAGS), CONFIG, manager);
            batch = tokenizer.encode(TEXTS);
            NDArray states = tagger.encoder()
                    .forward(new ParameterStore(manager, false), batch.toNDList(manager), false)
                    .singletonOrThrow();
            float[] flat = new float[head.inputs() * head.classes()];
            for (int i = 0; i < head.inputs(); i++) {
                System.arraycopy(head.weights()[i], 0, flat, i * head.classes(), head.classes());
            }
            NDArray logits = states.matMul(manager.create(flat, new Shape(head.inputs(), head.classes())))
                    .add(manager.create(head.bias()));
            expected = tokenRows(logits.softmax(2).toFloatArray(), TEXTS.size(), batch.length(), TAGS.size());
            weights = ClassifierWeights.of(tagger);
        }

        HfExportWriter.write(
                dir,
                HfExportWriter.Pooling.NONE,
                weights.encoderValues(),
                weights.head(),
                weights.labels(),
                base,
                files.tokenizer());

        try (HfTokenClassifier served = HfTokenClassifier.load(dir, TestEncoder.options())) {
            assertEquals(TAGS, served.labels());
            double worst = 0;
            for (int i = 0; i < TEXTS.size(); i++) {
                List<TokenEntity> tokens = served.extract(List.of(TEXTS.get(i)), AggregationStrategy.NONE, Set.of())
                        .get(0)
                        .entities();
                // every token but [CLS] and [SEP]
                assertEquals(batch.tokens(i) - 2, tokens.size(), "tokens of text " + i);
                for (TokenEntity token : tokens) {
                    float[] probabilities = expected[i][token.tokenIndex()];
                    int tag = TAGS.indexOf(token.label());
                    worst = Math.max(worst, Math.abs(probabilities[tag] - token.score()));
                    for (float p : probabilities) {
                        assertTrue(
                                p <= probabilities[tag] + TOLERANCE,
                                "served tag " + token.label() + " is not PyTorch's best for token "
                                        + token.tokenIndex());
                    }
                }
            }
            assertTrue(worst < TOLERANCE, "largest difference of tag probabilities to PyTorch: " + worst);
        }
    }

    @Test
    void refusesAHeadThatDoesNotFitTheLabelsOrTheEncoder() {
        LinearHead threeLabels = randomHead(3, 1.0, 1);
        assertThrows(
                IllegalArgumentException.class,
                () -> HfExportWriter.write(
                        dir,
                        HfExportWriter.Pooling.MEAN_NORMALIZED,
                        Map.of(),
                        threeLabels,
                        List.of("a", "b"),
                        base,
                        files.tokenizer()));
        LinearHead narrow = new LinearHead(new float[10][3], new float[3]);
        assertThrows(
                IllegalArgumentException.class,
                () -> HfExportWriter.write(
                        dir,
                        HfExportWriter.Pooling.NONE,
                        Map.of(),
                        narrow,
                        List.of("a", "b", "c"),
                        base,
                        files.tokenizer()));
        assertFalse(Files.exists(dir.resolve(HfExportWriter.MODEL)));
    }

    private static Map<String, WeightTensor> pretrained() {
        Map<String, WeightTensor> weights = new LinkedHashMap<>();
        for (String name : BertEncoder.expectedShapes(CONFIG).keySet()) {
            weights.put(name, base.get(name));
        }
        return weights;
    }

    /** The pretrained weights with seeded noise on a few of them, standing in for fine-tuning. */
    private static Map<String, WeightTensor> perturbed() {
        Map<String, WeightTensor> weights = pretrained();
        Random random = new Random(5);
        Map<String, Double> noise = Map.of(
                "embeddings.LayerNorm.weight", 0.2,
                "encoder.layer.2.attention.self.query.weight", 0.05,
                "encoder.layer.4.intermediate.dense.bias", 0.3);
        noise.forEach((name, std) -> {
            WeightTensor t = weights.get(name);
            float[] values = t.values().clone();
            for (int i = 0; i < values.length; i++) {
                values[i] += (float) (random.nextGaussian() * std);
            }
            weights.put(name, new WeightTensor(t.shape(), values));
        });
        return weights;
    }

    private static LinearHead randomHead(int labels, double std, long seed) {
        Random random = new Random(seed);
        float[][] w = new float[CONFIG.hidden()][labels];
        for (float[] row : w) {
            for (int c = 0; c < labels; c++) {
                row[c] = (float) (random.nextGaussian() * std);
            }
        }
        float[] b = new float[labels];
        for (int c = 0; c < labels; c++) {
            b[c] = (float) random.nextGaussian();
        }
        return new LinearHead(w, b);
    }

    private static float[][][] tokenRows(float[] flat, int n, int tokens, int labels) {
        float[][][] out = new float[n][tokens][labels];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < tokens; t++) {
                System.arraycopy(flat, (i * tokens + t) * labels, out[i][t], 0, labels);
            }
        }
        return out;
    }
}
