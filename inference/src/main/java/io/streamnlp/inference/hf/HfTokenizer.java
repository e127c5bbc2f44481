package io.streamnlp.inference.hf;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A Hugging Face fast tokenizer ({@code tokenizer.json}) run by DJL, truncating to the model's
 * maximum length and reporting offsets as Java char indices into the caller's text.
 *
 * <p>Thread-safe: the native tokenizer is immutable once configured.
 */
public final class HfTokenizer implements AutoCloseable {

    /** Used when neither tokenizer_config.json nor config.json bounds the input length. */
    public static final int FALLBACK_MAX_LENGTH = 512;

    /** Texts longer than this many chars per allowed token are first tokenized by a prefix. */
    private static final int PREFIX_CHARS_PER_TOKEN = 32;

    /** transformers writes a huge sentinel for model_max_length when the model has no limit. */
    private static final int UNBOUNDED_SENTINEL = 1_000_000;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final TokenJoiner joiner;
    private final boolean wordAware;
    private final OptionalLong unkTokenId;

    private HfTokenizer(
            HuggingFaceTokenizer tokenizer,
            int maxLength,
            TokenJoiner joiner,
            boolean wordAware,
            OptionalLong unkTokenId) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.joiner = joiner;
        this.wordAware = wordAware;
        this.unkTokenId = unkTokenId;
    }

    /**
     * Loads {@code tokenizer.json} of an export directory.
     *
     * @param maxLength the most tokens per text, special tokens included; 0 picks
     *     {@code tokenizer_config.json}'s {@code model_max_length}, else {@code max_position_embeddings}, else 512
     */
    public static HfTokenizer load(Path exportDir, HfModelConfig config, int maxLength) {
        Path file = exportDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidHfExportException(
                    "tokenizer.json not found in " + exportDir + " (only fast tokenizers are supported)");
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
        }
        int limit = maxLength > 0 ? maxLength : defaultMaxLength(exportDir, config);
        JsonNode json = JsonFiles.read(file);
        HuggingFaceTokenizer.Builder builder = HuggingFaceTokenizer.builder();
        builder.configure(Map.of(
                "tokenizerPath",
                file.toString(),
                "addSpecialTokens",
                "true",
                "truncation",
                "true",
                "padding",
                "false",
                "modelMaxLength",
                Integer.toString(limit),
                "maxLength",
                Integer.toString(limit)));
        try {
            HuggingFaceTokenizer tokenizer = builder.build();
            JsonNode model = json.path("model");
            boolean wordAware = model.hasNonNull("continuing_subword_prefix")
                    && !model.get("continuing_subword_prefix").asText().isEmpty();
            return new HfTokenizer(tokenizer, limit, TokenJoiner.of(json.get("decoder")), wordAware, unkId(json));
        } catch (IOException | RuntimeException e) {
            throw new InvalidHfExportException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /** Tokenizes one text; never fails on content (empty, control characters, lone surrogates, any script). */
    public TokenizedText encode(String text) {
        Objects.requireNonNull(text, "text");
        long budget = (long) maxLength * PREFIX_CHARS_PER_TOKEN;
        if (text.length() > budget) {
            // A megabyte of text would be tokenized in full only to keep maxLength tokens. A prefix cut at
            // whitespace tokenizes to the same leading tokens, so when the prefix alone already overflows,
            // its encoding is the text's encoding.
            int cut = lastWhitespaceAtOrBefore(text, (int) budget);
            if (cut > 0) {
                TokenizedText prefix = encode(text, text.substring(0, cut));
                if (prefix.truncated()) {
                    return prefix;
                }
            }
        }
        return encode(text, text);
    }

    private TokenizedText encode(String text, String tokenizedPart) {
        Encoding e = tokenizer.encode(TextPositions.withoutLoneSurrogates(tokenizedPart));
        long[] ids = e.getIds();
        int n = ids.length;
        long[] specialMask = e.getSpecialTokenMask();
        CharSpan[] spans = e.getCharTokenSpans();
        TextPositions positions = TextPositions.of(tokenizedPart);
        boolean[] special = new boolean[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            special[i] = specialMask[i] != 0;
            CharSpan span = spans[i];
            if (special[i] || span == null) {
                starts[i] = -1;
                ends[i] = -1;
            } else {
                starts[i] = positions.charIndex(span.getStart());
                ends[i] = positions.charIndex(span.getEnd());
            }
        }
        return new TokenizedText(
                text,
                ids,
                e.getTypeIds(),
                e.getAttentionMask(),
                e.getTokens(),
                special,
                starts,
                ends,
                e.exceedMaxLength());
    }

    /** Token ids to text, as transformers' {@code tokenizer.decode}. */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        return tokenizer.decode(ids, skipSpecialTokens);
    }

    /**
     * transformers' {@code convert_tokens_to_string}: joins token strings the way the tokenizer's decoder does.
     *
     * @param tokens token strings (for unknown tokens: the text they cover, as the pipeline does)
     * @param ids the ids of those tokens, used only for decoders this class does not mirror
     */
    public String tokensToString(List<String> tokens, long[] ids) {
        return joiner.join(tokens).orElseGet(() -> tokenizer.decode(ids, false));
    }

    /** Whether sub-word tokens are marked ({@code ##} in WordPiece), so words can be rebuilt exactly. */
    public boolean wordAware() {
        return wordAware;
    }

    public OptionalLong unkTokenId() {
        return unkTokenId;
    }

    /** The most tokens per text, special tokens included. */
    public int maxLength() {
        return maxLength;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static int lastWhitespaceAtOrBefore(String text, int index) {
        for (int i = index; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int defaultMaxLength(Path exportDir, HfModelConfig config) {
        Path tokenizerConfig = exportDir.resolve("tokenizer_config.json");
        if (Files.isRegularFile(tokenizerConfig)) {
            JsonNode node = JsonFiles.read(tokenizerConfig).get("model_max_length");
            if (node != null && node.isNumber() && node.doubleValue() >= 1 && node.doubleValue() < UNBOUNDED_SENTINEL) {
                return node.intValue();
            }
        }
        return config.maxPositionEmbeddings().orElse(FALLBACK_MAX_LENGTH);
    }

    private static OptionalLong unkId(JsonNode json) {
        JsonNode model = json.path("model");
        if (model.hasNonNull("unk_id") && model.get("unk_id").isIntegralNumber()) {
            return OptionalLong.of(model.get("unk_id").longValue());
        }
        String unk = model.path("unk_token").asText(null);
        if (unk == null) {
            return OptionalLong.empty();
        }
        for (JsonNode added : json.path("added_tokens")) {
            if (unk.equals(added.path("content").asText())) {
                return OptionalLong.of(added.path("id").longValue());
            }
        }
        JsonNode vocab = model.path("vocab");
        return vocab.isObject() && vocab.has(unk)
                ? OptionalLong.of(vocab.get(unk).longValue())
                : OptionalLong.empty();
    }
}
