package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.PredictorPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face encoder-decoder model (T5, BART, ...) exported by Optimum as
 * {@code encoder_model.onnx} + {@code decoder_model.onnx}, generating like transformers'
 * {@code generate}: the encoder runs once per batch, then the decoder once per generated token,
 * with greedy or beam search and the defaults of {@code generation_config.json}.
 *
 * <p>When the export ships {@code decoder_with_past_model.onnx}, the decoder keeps a key/value cache and
 * reads one new token per step; otherwise it re-reads the whole prefix at every step.
 * {@code decoder_model_merged.onnx} is not used: exports that have only the merged decoder are rejected.
 *
 * <p>Thread-safe: concurrent calls share pools of {@link InferenceOptions#predictors()} predictors.
 */
public final class HfSeq2SeqGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HfSeq2SeqGenerator.class);

    static final String ENCODER_FILE = "encoder_model.onnx";
    static final String DECODER_FILE = "decoder_model.onnx";
    static final String DECODER_WITH_PAST_FILE = "decoder_with_past_model.onnx";
    static final String MERGED_DECODER_FILE = "decoder_model_merged.onnx";

    private final HfExport export;
    private final HfTokenizer tokenizer;
    private final GenerationConfig defaults;
    private final ZooModel<NDList, NDList> encoderModel;
    private final ZooModel<NDList, NDList> decoderModel;
    private final PredictorPool<EncoderBatch, FloatTensor> encoderPool;
    private final PredictorPool<Seq2SeqTranslators.DecoderInput, Seq2SeqTranslators.DecoderOutput> decoderPool;
    private final CachedDecoder cachedDecoder;

    /** decoder_with_past_model.onnx with its cache inputs; null when the export has none. */
    private record CachedDecoder(
            ZooModel<NDList, NDList> model,
            PredictorPool<Seq2SeqTranslators.DecoderInput, Seq2SeqTranslators.DecoderOutput> pool,
            List<String> pastNames,
            boolean takesEncoderStates) {}

    private HfSeq2SeqGenerator(
            HfExport export,
            HfTokenizer tokenizer,
            GenerationConfig defaults,
            ZooModel<NDList, NDList> encoderModel,
            ZooModel<NDList, NDList> decoderModel,
            PredictorPool<EncoderBatch, FloatTensor> encoderPool,
            PredictorPool<Seq2SeqTranslators.DecoderInput, Seq2SeqTranslators.DecoderOutput> decoderPool,
            CachedDecoder cachedDecoder) {
        this.export = export;
        this.tokenizer = tokenizer;
        this.defaults = defaults;
        this.encoderModel = encoderModel;
        this.decoderModel = decoderModel;
        this.encoderPool = encoderPool;
        this.decoderPool = decoderPool;
        this.cachedDecoder = cachedDecoder;
    }

    public static HfSeq2SeqGenerator load(Path exportDir, InferenceOptions options) {
        return load(exportDir, options, 0);
    }

    /**
     * Loads an export directory.
     *
     * @param maxInputLength most input tokens per text (0: the model's own limit)
     * @throws InvalidHfExportException if a file is missing or the generation settings are invalid
     */
    public static HfSeq2SeqGenerator load(Path exportDir, InferenceOptions options, int maxInputLength) {
        HfExport export = HfExport.open(exportDir);
        GenerationConfig defaults = GenerationConfig.read(exportDir);
        if (!export.has(DECODER_FILE) && export.has(MERGED_DECODER_FILE)) {
            throw new InvalidHfExportException(exportDir + " has only " + MERGED_DECODER_FILE + ", which is not "
                    + "supported; export " + DECODER_FILE + " (and " + DECODER_WITH_PAST_FILE + ") as well");
        }
        HfTokenizer tokenizer = export.tokenizer(maxInputLength);
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(tokenizer);
        try {
            ZooModel<NDList, NDList> encoder = export.loadOnnx(ENCODER_FILE, options);
            opened.add(encoder);
            ZooModel<NDList, NDList> decoder = export.loadOnnx(DECODER_FILE, options);
            opened.add(decoder);
            Set<String> decoderInputs = new HashSet<>(HfExport.inputNames(decoder));
            if (!decoderInputs.equals(Seq2SeqTranslators.DECODER_INPUTS)) {
                throw new InvalidHfExportException(exportDir.resolve(DECODER_FILE) + " takes " + decoderInputs
                        + "; expected " + Seq2SeqTranslators.DECODER_INPUTS);
            }
            PredictorPool<EncoderBatch, FloatTensor> encoderPool = new PredictorPool<>(
                    encoder, new Seq2SeqTranslators.Encoder(HfExport.inputNames(encoder)), options.predictors());
            opened.add(encoderPool);
            PredictorPool<Seq2SeqTranslators.DecoderInput, Seq2SeqTranslators.DecoderOutput> decoderPool =
                    new PredictorPool<>(decoder, new Seq2SeqTranslators.Decoder(), options.predictors());
            opened.add(decoderPool);
            CachedDecoder cached = null;
            if (export.has(DECODER_WITH_PAST_FILE)) {
                ZooModel<NDList, NDList> withPast = export.loadOnnx(DECODER_WITH_PAST_FILE, options);
                opened.add(withPast);
                cached = cachedDecoder(exportDir, withPast, options);
                opened.add(cached.pool());
            }
            LOG.info(
                    "{}: generating with {}",
                    exportDir,
                    cached == null
                            ? DECODER_FILE + " (no key/value cache)"
                            : DECODER_WITH_PAST_FILE + " (key/value cache)");
            return new HfSeq2SeqGenerator(
                    export, tokenizer, defaults, encoder, decoder, encoderPool, decoderPool, cached);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static CachedDecoder cachedDecoder(
            Path exportDir, ZooModel<NDList, NDList> withPast, InferenceOptions options) {
        List<String> pastNames = new ArrayList<>();
        boolean takesEncoderStates = false;
        boolean hasIds = false;
        boolean hasMask = false;
        for (String name : HfExport.inputNames(withPast)) {
            if (name.startsWith(Seq2SeqTranslators.PAST_PREFIX)) {
                pastNames.add(name);
            } else if (name.equals(Seq2SeqTranslators.ENCODER_HIDDEN_STATES)) {
                takesEncoderStates = true;
            } else if (name.equals(Seq2SeqTranslators.DECODER_INPUT_IDS)) {
                hasIds = true;
            } else if (name.equals(Seq2SeqTranslators.ENCODER_ATTENTION_MASK)) {
                hasMask = true;
            } else {
                throw new InvalidHfExportException(
                        exportDir.resolve(DECODER_WITH_PAST_FILE) + " input '" + name + "' is not supported");
            }
        }
        if (!hasIds || !hasMask || pastNames.isEmpty()) {
            throw new InvalidHfExportException(exportDir.resolve(DECODER_WITH_PAST_FILE) + " must take input_ids, "
                    + "encoder_attention_mask and past_key_values.*, takes " + HfExport.inputNames(withPast));
        }
        return new CachedDecoder(
                withPast,
                new PredictorPool<>(withPast, new Seq2SeqTranslators.Decoder(), options.predictors()),
                pastNames,
                takesEncoderStates);
    }

    /**
     * Checks that the model can generate as long as {@code config} asks.
     *
     * @throws IllegalArgumentException if the decoder has fewer positions ({@code max_position_embeddings})
     */
    public void checkFits(GenerationConfig config) {
        export.config().maxPositionEmbeddings().ifPresent(positions -> {
            if (config.effectiveMaxLength() > positions) {
                throw new IllegalArgumentException("generation length " + config.effectiveMaxLength()
                        + " exceeds the decoder's " + positions + " positions (max_position_embeddings)");
            }
        });
    }

    /** Whether generation reads one token per step with a key/value cache (decoder_with_past_model.onnx). */
    public boolean usesKeyValueCache() {
        return cachedDecoder != null;
    }

    /** The defaults read from generation_config.json; start from {@link GenerationConfig#toBuilder()} to override. */
    public GenerationConfig generationConfig() {
        return defaults;
    }

    public Generation generate(String text) {
        return generate(List.of(text), defaults).get(0);
    }

    public List<Generation> generate(List<String> texts) {
        return generate(texts, defaults);
    }

    /**
     * Generates for texts in one batch. A text without any content token (empty, blank, control characters only)
     * gives an empty generation without running the model.
     */
    public List<Generation> generate(List<String> texts, GenerationConfig config) {
        return generate(texts, config, "");
    }

    /**
     * Generates for texts in one batch, each read with {@code inputPrefix} before it (T5's {@code "summarize: "},
     * see {@link HfModelConfig#inputPrefix}). A text without content tokens of its own still gives an empty
     * generation.
     *
     * @throws IllegalArgumentException if {@code config} asks for more tokens than the decoder has positions
     */
    public List<Generation> generate(List<String> texts, GenerationConfig config, String inputPrefix) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(inputPrefix, "inputPrefix");
        checkFits(config);
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        List<Integer> withContent = new ArrayList<>();
        for (String text : texts) {
            TokenizedText t = tokenizer.encode(text);
            if (hasContent(t)) {
                withContent.add(tokenized.size());
                if (!inputPrefix.isEmpty()) {
                    t = tokenizer.encode(inputPrefix + text);
                }
            }
            tokenized.add(t);
        }
        Generation[] out = new Generation[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Generation(
                    new long[] {config.decoderStartTokenId()},
                    "",
                    tokenized.get(i).truncated());
        }
        if (!withContent.isEmpty()) {
            List<TokenizedText> inputs = new ArrayList<>(withContent.size());
            withContent.forEach(i -> inputs.add(tokenized.get(i)));
            List<long[]> ids = run(EncoderBatch.of(inputs, export.padTokenId()), config);
            for (int j = 0; j < ids.size(); j++) {
                int i = withContent.get(j);
                out[i] = new Generation(
                        ids.get(j),
                        tokenizer.decode(ids.get(j), true),
                        tokenized.get(i).truncated());
            }
        }
        return List.of(out);
    }

    public HfTokenizer tokenizer() {
        return tokenizer;
    }

    public HfModelConfig modelConfig() {
        return export.config();
    }

    /** The encoder output {@code [batch, tokens, hidden]}; for checks against reference outputs. */
    FloatTensor encoderHiddenStates(List<String> texts) {
        List<TokenizedText> tokenized = new ArrayList<>();
        texts.forEach(t -> tokenized.add(tokenizer.encode(t)));
        return encoderPool.predict(EncoderBatch.of(tokenized, export.padTokenId()));
    }

    /** Next-token logits {@code [batch, vocab]} after the decoder start token; for checks against reference outputs. */
    float[][] firstStepLogits(List<String> texts) {
        List<TokenizedText> tokenized = new ArrayList<>();
        texts.forEach(t -> tokenized.add(tokenizer.encode(t)));
        EncoderBatch batch = EncoderBatch.of(tokenized, export.padTokenId());
        return withDecoder(batch, 1, step -> {
            long[][] start = new long[batch.rows()][];
            for (int r = 0; r < start.length; r++) {
                start[r] = new long[] {defaults.decoderStartTokenId()};
            }
            return step.nextTokenLogits(start);
        });
    }

    @Override
    public void close() {
        List<AutoCloseable> resources =
                new ArrayList<>(List.of(tokenizer, encoderModel, decoderModel, encoderPool, decoderPool));
        if (cachedDecoder != null) {
            resources.add(cachedDecoder.model());
            resources.add(cachedDecoder.pool());
        }
        closeAll(resources, null);
    }

    private List<long[]> run(EncoderBatch batch, GenerationConfig config) {
        int beams = config.numBeams();
        return withDecoder(
                batch,
                beams,
                step -> beams == 1
                        ? GreedySearch.run(step, batch.rows(), config)
                        : BeamSearch.run(step, batch.rows(), config));
    }

    /**
     * Runs the encoder once and hands a decoder step over its states to {@code body}. With beams, each row's
     * states are repeated once per beam, so that row {@code b * beams + k} is beam k of input b.
     */
    private <T> T withDecoder(EncoderBatch batch, int beams, java.util.function.Function<DecoderStep, T> body) {
        FloatTensor hidden = encoderPool.predict(batch);
        int rows = batch.rows();
        int tokens = hidden.dim(1);
        int width = hidden.dim(2);
        float[] repeated = repeatRows(hidden.data(), rows, tokens * width, beams);
        try (NDManager call = decoderModel.getNDManager().newSubManager()) {
            NDArray states = call.create(repeated, new Shape((long) rows * beams, tokens, width));
            states.setName(Seq2SeqTranslators.ENCODER_HIDDEN_STATES);
            NDArray mask = call.create(batch.attentionMaskRepeated(beams), new Shape((long) rows * beams, tokens));
            mask.setName(Seq2SeqTranslators.ENCODER_ATTENTION_MASK);
            DecoderStep step = cachedDecoder == null
                    ? sequences -> decoderPool
                            .predict(new Seq2SeqTranslators.DecoderInput(sequences, List.of(states, mask), null))
                            .logits()
                    : new CachedDecoderStep(
                            decoderPool,
                            cachedDecoder.pool(),
                            cachedDecoder.pastNames(),
                            cachedDecoder.takesEncoderStates(),
                            call,
                            states,
                            mask,
                            beams);
            return body.apply(step);
        }
    }

    private static float[] repeatRows(float[] data, int rows, int rowSize, int times) {
        if (times == 1) {
            return data;
        }
        float[] out = new float[data.length * times];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < times; k++) {
                System.arraycopy(data, r * rowSize, out, (r * times + k) * rowSize, rowSize);
            }
        }
        return out;
    }

    private static boolean hasContent(TokenizedText t) {
        for (boolean special : t.special()) {
            if (!special) {
                return true;
            }
        }
        return false;
    }

    /** Closes in reverse order of opening. */
    private static void closeAll(List<? extends AutoCloseable> resources, RuntimeException primary) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    LOG.warn("closing {} failed", resources.get(i), e);
                }
            }
        }
    }
}
