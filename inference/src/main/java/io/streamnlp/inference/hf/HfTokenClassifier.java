package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.PredictorPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A Hugging Face {@code *ForTokenClassification} model exported by Optimum, post-processed exactly as
 * transformers' token-classification pipeline, every aggregation strategy included. Entities carry
 * character offsets into the caller's text.
 *
 * <p>Thread-safe: concurrent calls share a pool of {@link InferenceOptions#predictors()} DJL predictors.
 */
public final class HfTokenClassifier implements AutoCloseable {

    /** The pipeline's default {@code ignore_labels}. */
    public static final Set<String> DEFAULT_IGNORE_LABELS = Set.of("O");

    private final HfExport export;
    private final HfTokenizer tokenizer;
    private final ZooModel<NDList, NDList> model;
    private final PredictorPool<EncoderBatch, FloatTensor> pool;
    private final TokenClassificationDecoder decoder;

    private HfTokenClassifier(
            HfExport export,
            HfTokenizer tokenizer,
            ZooModel<NDList, NDList> model,
            PredictorPool<EncoderBatch, FloatTensor> pool) {
        this.export = export;
        this.tokenizer = tokenizer;
        this.model = model;
        this.pool = pool;
        this.decoder = new TokenClassificationDecoder(tokenizer, export.config().labels());
    }

    public static HfTokenClassifier load(Path exportDir, InferenceOptions options) {
        return load(exportDir, options, 0);
    }

    /**
     * Loads an export directory.
     *
     * @param maxLength most tokens per text (0: the model's own limit)
     * @throws InvalidHfExportException if a file is missing or config.json has no labels
     */
    public static HfTokenClassifier load(Path exportDir, InferenceOptions options, int maxLength) {
        HfExport export = HfExport.open(exportDir);
        return export.openLogitsModel(
                options,
                maxLength,
                "a token classifier",
                (tokenizer, model, pool) -> new HfTokenClassifier(export, tokenizer, model, pool));
    }

    public TokenClassification extract(String text, AggregationStrategy strategy) {
        return extract(List.of(text), strategy, DEFAULT_IGNORE_LABELS).get(0);
    }

    public List<TokenClassification> extract(List<String> texts, AggregationStrategy strategy) {
        return extract(texts, strategy, DEFAULT_IGNORE_LABELS);
    }

    /**
     * Tags texts in one padded batch.
     *
     * @param ignoreLabels labels (NONE) or entity groups (other strategies) left out of the result
     */
    public List<TokenClassification> extract(
            List<String> texts, AggregationStrategy strategy, Set<String> ignoreLabels) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokenized.add(tokenizer.encode(text));
        }
        FloatTensor logits = pool.predict(EncoderBatch.of(tokenized, export.padTokenId()));
        int labelCount = export.config().labels().size();
        if (logits.rank() != 3 || logits.dim(2) != labelCount) {
            throw new InferenceException(export.dir() + ": expected logits [batch, tokens, " + labelCount
                    + "] for a token classifier, got " + Arrays.toString(logits.shape()));
        }
        List<TokenClassification> out = new ArrayList<>(texts.size());
        for (int r = 0; r < texts.size(); r++) {
            TokenizedText t = tokenized.get(r);
            float[][] probabilities = new float[t.length()][];
            for (int i = 0; i < t.length(); i++) {
                probabilities[i] = ScoreFunction.SOFTMAX.apply(logits.vector(r, i));
            }
            out.add(new TokenClassification(decoder.decode(t, probabilities, strategy, ignoreLabels), t.truncated()));
        }
        return out;
    }

    /** Tag names by id, e.g. {@code O, B-PER, I-PER}. */
    public List<String> labels() {
        return export.config().labels();
    }

    public HfTokenizer tokenizer() {
        return tokenizer;
    }

    /** Raw logits {@code [batch, tokens, labels]} for the texts; for checks against reference outputs. */
    FloatTensor logits(List<String> texts) {
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokenized.add(tokenizer.encode(text));
        }
        return pool.predict(EncoderBatch.of(tokenized, export.padTokenId()));
    }

    @Override
    public void close() {
        pool.close();
        model.close();
        tokenizer.close();
    }
}
