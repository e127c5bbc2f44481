package io.streamnlp.inference.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.Json;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Int8Models;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.inference.runtime.PredictorPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared transformer encoder: tokenizes a batch padded to its longest text, runs one ONNX
 * forward pass and returns per text the sentence embedding, the token states and the token-to-text
 * alignment that every head needs. The text prefix a model card asks for is put before every text
 * here, and its tokens count as special tokens, so that heads and offsets see only the text.
 * Thread-safe: forward passes borrow predictors from a pool of {@link InferenceOptions#predictors()}.
 */
public final class SharedEncoder implements AutoCloseable {

    /**
     * Characters kept per token of the maximum length; a text longer than {@code maxLength} times
     * this is cut before tokenization (and flagged truncated), so a 1 MB text costs no more than a
     * few kilobytes would.
     */
    static final int CHARS_PER_TOKEN_CAP = 32;

    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<NDList, NDList> model;
    private final PredictorPool<TokenBatch, HiddenStates> pool;
    private final EncoderFiles files;
    private final String unknownToken;
    private final int dim;

    private SharedEncoder(
            HuggingFaceTokenizer tokenizer,
            ZooModel<NDList, NDList> model,
            PredictorPool<TokenBatch, HiddenStates> pool,
            EncoderFiles files,
            String unknownToken) {

        this.tokenizer = tokenizer;
        this.model = model;
        this.pool = pool;
        this.files = files;
        this.unknownToken = unknownToken;
        // one pass over an empty text: learns the hidden size and warms ONNX Runtime up
        this.dim = encode(List.of("")).get(0).dim();
    }

    /** The default built-in encoder at the options' precision, with the default maximum length. */
    public static SharedEncoder builtin(InferenceOptions options) {
        return builtin(BuiltinEncoder.DEFAULT, EncoderSpec.DEFAULT_MAX_LENGTH, options);
    }

    /** A built-in encoder at the options' precision, with its own pooling. */
    public static SharedEncoder builtin(BuiltinEncoder encoder, int maxLength, InferenceOptions options) {
        return load(
                EncoderFiles.builtin(
                        encoder, options.modelCacheDir(), maxLength, options.precision(), encoder.pooling()),
                options);
    }

    /**
     * The default built-in encoder that heads are trained on: fp32 whatever the serving precision, so that
     * one bundle serves both precisions and the int8 change is a measured delta, not a retraining.
     */
    public static SharedEncoder forTraining(InferenceOptions options) {
        return builtin(BuiltinEncoder.DEFAULT, EncoderSpec.DEFAULT_MAX_LENGTH, options.withPrecision(Precision.FP32));
    }

    /**
     * The encoder a bundle names, as heads are trained on it: a built-in's training twin (fp32 where one
     * ships) whatever the serving precision.
     */
    public static SharedEncoder forTraining(EncoderSpec spec, Path bundleDir, InferenceOptions options) {
        InferenceOptions training = options.withPrecision(Precision.FP32);
        return load(EncoderFiles.of(spec, bundleDir, training.modelCacheDir(), training.precision()), training);
    }

    /**
     * Loads an encoder.
     *
     * @throws InferenceException if the model or the tokenizer cannot be loaded
     */
    public static SharedEncoder load(EncoderFiles files, InferenceOptions options) {
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizer())
                    .optMaxLength(files.maxLength())
                    .optTruncation(true)
                    .optPadding(true)
                    .optAddSpecialTokens(true)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new InferenceException("cannot load tokenizer " + files.tokenizer() + ": " + e.getMessage(), e);
        }
        ZooModel<NDList, NDList> model = null;
        try {
            String unknown = unknownToken(files);
            model = Int8Models.load(files.source(), files.model(), options);
            PredictorPool<TokenBatch, HiddenStates> pool =
                    new PredictorPool<>(model, new EncoderTranslator(), options.predictors());
            return new SharedEncoder(tokenizer, model, pool, files, unknown);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    /** Width of the token states. */
    public int dim() {
        return dim;
    }

    /** Width of the sentence embedding that classification heads read: {@link #dim()} or a multiple, by pooling. */
    public int embeddingWidth() {
        return files.pooling().embeddingWidth(dim);
    }

    /** Tokens per text, special tokens included. */
    public int maxLength() {
        return files.maxLength();
    }

    /** The model and tokenizer files this encoder runs. */
    public EncoderFiles files() {
        return files;
    }

    /** Tokens this text will occupy in a batch (at most {@link #maxLength()}); cheap, no forward pass. */
    public int tokenCount(String text) {
        return tokenize(text).tokenCount();
    }

    /**
     * Tokenizes one text for a later {@link #encode(List) encoder pass}; cheap, no forward pass. Any string is
     * accepted: lone surrogates and NUL are read as U+FFFD, long texts are cut and flagged truncated.
     */
    public TokenizedText tokenize(String text) {
        String prepared = prepare(text);
        return new TokenizedText(
                this, text, tokenizer.encode(files.textPrefix() + prepared), prepared.length() < text.length());
    }

    /**
     * Encodes a batch in one forward pass. Any string is accepted: empty texts give the special tokens
     * only, lone surrogates and NUL are read as U+FFFD, long texts are truncated and flagged.
     */
    public EncodedBatch encode(List<String> texts) {
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokenized.add(tokenize(text));
        }
        return encodeTokenized(tokenized);
    }

    /**
     * Encodes texts this encoder tokenized in one forward pass, padded to the longest.
     *
     * @throws IllegalArgumentException if a text was tokenized by another encoder
     */
    public EncodedBatch encodeTokenized(List<TokenizedText> texts) {
        if (texts.isEmpty()) {
            return new EncodedBatch(List.of(), 0);
        }
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < encodings.length; i++) {
            TokenizedText t = texts.get(i);
            if (t.encoder() != this) {
                throw new IllegalArgumentException("text " + i + " of the batch was tokenized by another encoder");
            }
            encodings[i] = t.encoding();
        }
        TokenBatch batch = TokenBatch.of(encodings);
        HiddenStates hidden = pool.predict(batch);
        List<EncodedText> out = new ArrayList<>(texts.size());
        for (int i = 0; i < encodings.length; i++) {
            TokenizedText t = texts.get(i);
            out.add(toEncodedText(t.text(), encodings[i], hidden, i, batch.length(), t.truncated()));
        }
        return new EncodedBatch(out, batch.length());
    }

    private String prepare(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        int cap = files.maxLength() * CHARS_PER_TOKEN_CAP;
        String head = text;
        if (text.length() > cap) {
            int end = Character.isHighSurrogate(text.charAt(cap - 1)) ? cap - 1 : cap;
            head = text.substring(0, end);
        }
        return TextSanitizer.sanitize(head);
    }

    private EncodedText toEncodedText(
            String original, Encoding enc, HiddenStates hidden, int row, int len, boolean truncated) {
        TokenAlignment alignment =
                TokenAlignment.of(original, enc, files.textPrefix().length());
        int count = alignment.tokenCount();
        int dim = hidden.dim;
        float[] states = new float[count * dim];
        System.arraycopy(hidden.data, row * len * dim, states, 0, count * dim);
        float[] embedding = SentencePooling.pool(files.pooling(), states, count, dim, alignment::isSpecial);
        String[] tokens = enc.getTokens();
        int unknown = 0;
        for (int t = 0; t < count; t++) {
            if (unknownToken.equals(tokens[t])) {
                unknown++;
            }
        }
        return new EncodedText(original, dim, embedding, states, alignment, truncated, unknown);
    }

    private static String unknownToken(EncoderFiles files) {
        try {
            JsonNode unk = Json.MAPPER
                    .readTree(files.tokenizer().toFile())
                    .path("model")
                    .path("unk_token");
            return unk.isTextual() ? unk.asText() : "[UNK]";
        } catch (IOException e) {
            throw new InferenceException("cannot read tokenizer " + files.tokenizer() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
        model.close();
        tokenizer.close();
    }

    /** The encoder's last hidden state, {@code [size, length, dim]} row-major. */
    private record HiddenStates(int dim, float[] data) {}

    private static final class EncoderTranslator implements NoBatchifyTranslator<TokenBatch, HiddenStates> {

        @Override
        public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
            return batch.toNDList(ctx.getNDManager());
        }

        @Override
        public HiddenStates processOutput(TranslatorContext ctx, NDList list) {
            NDArray hidden = list.get("last_hidden_state");
            if (hidden == null) {
                hidden = list.get(0);
            }
            Shape s = hidden.getShape();
            if (s.dimension() != 3) {
                throw new InferenceException("encoder output should be [batch, tokens, dim], got " + s);
            }
            return new HiddenStates((int) s.get(2), hidden.toFloatArray());
        }
    }
}
