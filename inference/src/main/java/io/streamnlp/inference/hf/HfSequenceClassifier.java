package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.PredictorPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Hugging Face {@code *ForSequenceClassification} model exported by Optimum ({@code model.onnx},
 * {@code tokenizer.json}, {@code config.json}). Scores like transformers' text-classification
 * pipeline: softmax, or sigmoid for {@code multi_label_classification}.
 *
 * <p>Thread-safe: concurrent calls share a pool of {@link InferenceOptions#predictors()} DJL predictors.
 */
public final class HfSequenceClassifier implements AutoCloseable {

    private final HfExport export;
    private final HfTokenizer tokenizer;
    private final ZooModel<NDList, NDList> model;
    private final PredictorPool<EncoderBatch, FloatTensor> pool;
    private final List<String> labels;
    private final ScoreFunction scoreFunction;

    private HfSequenceClassifier(
            HfExport export,
            HfTokenizer tokenizer,
            ZooModel<NDList, NDList> model,
            PredictorPool<EncoderBatch, FloatTensor> pool) {
        this.export = export;
        this.tokenizer = tokenizer;
        this.model = model;
        this.pool = pool;
        this.labels = export.config().labels();
        this.scoreFunction = ScoreFunction.forConfig(export.config(), labels.size());
    }

    /** Loads an export directory; inputs are truncated to the tokenizer's {@code model_max_length}. */
    public static HfSequenceClassifier load(Path exportDir, InferenceOptions options) {
        return load(exportDir, options, 0);
    }

    /**
     * Loads an export directory.
     *
     * @param maxLength most tokens per text (0: the model's own limit)
     * @throws InvalidHfExportException if a file is missing or config.json has no labels
     */
    public static HfSequenceClassifier load(Path exportDir, InferenceOptions options, int maxLength) {
        HfExport export = HfExport.open(exportDir);
        return export.openLogitsModel(
                options,
                maxLength,
                "a classification model",
                (tokenizer, model, pool) -> new HfSequenceClassifier(export, tokenizer, model, pool));
    }

    public SequenceClassification classify(String text) {
        return classify(List.of(text)).get(0);
    }

    /** Classifies texts in one padded batch; the caller chooses the batch size. */
    public List<SequenceClassification> classify(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokenized.add(tokenizer.encode(text));
        }
        FloatTensor logits = pool.predict(EncoderBatch.of(tokenized, export.padTokenId()));
        if (logits.rank() != 2 || logits.dim(1) != labels.size()) {
            throw new InferenceException(export.dir() + ": expected logits [batch, " + labels.size()
                    + "] for a sequence classifier, got " + java.util.Arrays.toString(logits.shape()));
        }
        List<SequenceClassification> out = new ArrayList<>(texts.size());
        for (int r = 0; r < texts.size(); r++) {
            float[] row = logits.vector(r);
            out.add(new SequenceClassification(
                    rank(scoreFunction.apply(row)), row, tokenized.get(r).truncated()));
        }
        return out;
    }

    /** Label names by id. */
    public List<String> labels() {
        return labels;
    }

    public ScoreFunction scoreFunction() {
        return scoreFunction;
    }

    public HfTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        pool.close();
        model.close();
        tokenizer.close();
    }

    private List<ScoredLabel> rank(float[] scores) {
        List<ScoredLabel> ranked = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            ranked.add(new ScoredLabel(labels.get(i), i, scores[i]));
        }
        ranked.sort(Comparator.comparingDouble((ScoredLabel s) -> -s.score()).thenComparingInt(ScoredLabel::index));
        return ranked;
    }
}
