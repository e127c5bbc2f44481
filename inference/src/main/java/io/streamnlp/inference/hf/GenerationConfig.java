package io.streamnlp.inference.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a sequence-to-sequence model generates: the subset of transformers' {@code GenerationConfig}
 * this package implements, with the same names and defaults. Immutable and validated.
 *
 * @param decoderStartTokenId the token the decoder starts from
 * @param eosTokenIds tokens that end a sequence (may be empty: then only the length limit ends it)
 * @param padTokenId fills finished greedy sequences in transformers; kept for callers that pad
 * @param forcedBosTokenId token forced as the first generated token
 * @param forcedEosTokenIds tokens forced when the length limit is reached
 * @param numBeams 1 for greedy search, more for beam search
 * @param earlyStopping when beam search stops (transformers' {@code early_stopping})
 * @param lengthPenalty exponent of the length that divides a finished beam's log-probability
 * @param maxNewTokens limit on generated tokens; when set it wins over {@code maxLength}
 * @param maxLength limit on the decoder sequence length, start token included
 * @param minLength generated sequences are at least this long (start token included)
 * @param minNewTokens at least this many generated tokens
 * @param noRepeatNgramSize no n-gram of this size occurs twice (0: off)
 */
public record GenerationConfig(
        int decoderStartTokenId,
        List<Integer> eosTokenIds,
        OptionalInt padTokenId,
        OptionalInt forcedBosTokenId,
        List<Integer> forcedEosTokenIds,
        int numBeams,
        EarlyStopping earlyStopping,
        double lengthPenalty,
        OptionalInt maxNewTokens,
        int maxLength,
        int minLength,
        int minNewTokens,
        int noRepeatNgramSize) {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationConfig.class);

    /** transformers' {@code GenerationConfig.max_length} default. */
    public static final int DEFAULT_MAX_LENGTH = 20;

    /** Settings in generation_config.json that change results but are not implemented here. */
    private static final List<String> UNSUPPORTED = List.of(
            "do_sample",
            "repetition_penalty",
            "encoder_repetition_penalty",
            "num_beam_groups",
            "diversity_penalty",
            "bad_words_ids",
            "sequence_bias",
            "suppress_tokens",
            "begin_suppress_tokens",
            "forced_decoder_ids",
            "encoder_no_repeat_ngram_size",
            "exponential_decay_length_penalty",
            "penalty_alpha");

    public GenerationConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        forcedEosTokenIds = List.copyOf(forcedEosTokenIds);
        require(numBeams >= 1, "num_beams must be >= 1, got " + numBeams);
        require(earlyStopping != null, "early_stopping must not be null");
        require(Double.isFinite(lengthPenalty), "length_penalty must be finite, got " + lengthPenalty);
        require(
                maxNewTokens.isEmpty() || maxNewTokens.getAsInt() >= 1,
                "max_new_tokens must be >= 1, got " + maxNewTokens);
        require(maxLength >= 2, "max_length must be >= 2 (start token plus one), got " + maxLength);
        require(minLength >= 0 && minNewTokens >= 0, "min_length and min_new_tokens must be >= 0");
        require(noRepeatNgramSize >= 0, "no_repeat_ngram_size must be >= 0, got " + noRepeatNgramSize);
    }

    /** transformers' {@code early_stopping}: {@code True}, {@code False} or {@code "never"}. */
    public enum EarlyStopping {
        TRUE,
        FALSE,
        NEVER;

        static EarlyStopping parse(JsonNode v, Path source) {
            if (v == null || v.isNull()) {
                return FALSE;
            }
            if (v.isBoolean()) {
                return v.booleanValue() ? TRUE : FALSE;
            }
            if (v.isTextual() && v.asText().toLowerCase(Locale.ROOT).equals("never")) {
                return NEVER;
            }
            throw new InvalidHfExportException(source + ": early_stopping must be true, false or \"never\", got " + v);
        }
    }

    /**
     * Reads {@code generation_config.json} (authoritative when present, as in transformers) and falls back to the
     * generation keys of {@code config.json}.
     */
    public static GenerationConfig read(Path exportDir) {
        return read(exportDir, null);
    }

    /**
     * Like {@link #read(Path)}, then applies config.json's {@code task_specific_params.<task>} on top, as a
     * transformers pipeline for that task does (e.g. T5's settings for {@code summarization}).
     *
     * @param task a pipeline task name, or null for none
     */
    public static GenerationConfig read(Path exportDir, String task) {
        Path genFile = exportDir.resolve("generation_config.json");
        Path configFile = exportDir.resolve("config.json");
        JsonNode config = JsonFiles.read(configFile);
        Optional<JsonNode> gen = JsonFiles.readIfPresent(genFile);
        JsonNode src = gen.orElse(config);
        Path srcFile = gen.isPresent() ? genFile : configFile;
        JsonNode taskParams =
                task == null ? null : config.path("task_specific_params").get(task);
        if (taskParams != null && taskParams.isObject()) {
            ObjectNode merged = ((ObjectNode) src).deepCopy();
            merged.setAll((ObjectNode) taskParams);
            merged.remove("prefix");
            src = merged;
        }

        int start = JsonFiles.optInt(src, "decoder_start_token_id", srcFile)
                .or(() -> JsonFiles.optInt(config, "decoder_start_token_id", configFile))
                .orElseThrow(() -> new InvalidHfExportException(
                        "neither " + genFile + " nor " + configFile + " sets decoder_start_token_id"));
        List<Integer> eos = JsonFiles.intList(src, "eos_token_id", srcFile);
        if (eos.isEmpty()) {
            eos = JsonFiles.intList(config, "eos_token_id", configFile);
        }
        for (String key : UNSUPPORTED) {
            JsonNode v = src.get(key);
            if (v != null && !v.isNull() && !isNeutral(key, v)) {
                LOG.warn("{}: '{}' = {} is not implemented and is ignored", srcFile, key, v);
            }
        }
        try {
            return new GenerationConfig(
                    start,
                    eos,
                    optionalInt(JsonFiles.optInt(src, "pad_token_id", srcFile)),
                    optionalInt(JsonFiles.optInt(src, "forced_bos_token_id", srcFile)),
                    JsonFiles.intList(src, "forced_eos_token_id", srcFile),
                    JsonFiles.optInt(src, "num_beams", srcFile).orElse(1),
                    EarlyStopping.parse(src.get("early_stopping"), srcFile),
                    JsonFiles.optDouble(src, "length_penalty", srcFile).orElse(1.0),
                    optionalInt(JsonFiles.optInt(src, "max_new_tokens", srcFile)),
                    JsonFiles.optInt(src, "max_length", srcFile).orElse(DEFAULT_MAX_LENGTH),
                    JsonFiles.optInt(src, "min_length", srcFile).orElse(0),
                    JsonFiles.optInt(src, "min_new_tokens", srcFile).orElse(0),
                    JsonFiles.optInt(src, "no_repeat_ngram_size", srcFile).orElse(0));
        } catch (IllegalArgumentException e) {
            throw new InvalidHfExportException(srcFile + ": " + e.getMessage(), e);
        }
    }

    /** The longest decoder sequence, start token included: {@code 1 + max_new_tokens} or {@code max_length}. */
    public int effectiveMaxLength() {
        return maxNewTokens.isPresent() ? 1 + maxNewTokens.getAsInt() : maxLength;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static boolean isNeutral(String key, JsonNode v) {
        return switch (key) {
            case "do_sample" -> v.isBoolean() && !v.booleanValue();
            case "repetition_penalty", "encoder_repetition_penalty" -> v.isNumber() && v.doubleValue() == 1.0;
            case "num_beam_groups" -> v.isNumber() && v.intValue() == 1;
            case "diversity_penalty", "encoder_no_repeat_ngram_size" -> v.isNumber() && v.doubleValue() == 0.0;
            default -> v.isArray() && v.isEmpty();
        };
    }

    private static OptionalInt optionalInt(Optional<Integer> v) {
        return v.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Overrides for one generator or one call; {@link #build()} validates. */
    public static final class Builder {
        private int decoderStartTokenId;
        private List<Integer> eosTokenIds;
        private OptionalInt padTokenId;
        private OptionalInt forcedBosTokenId;
        private List<Integer> forcedEosTokenIds;
        private int numBeams;
        private EarlyStopping earlyStopping;
        private double lengthPenalty;
        private OptionalInt maxNewTokens;
        private int maxLength;
        private int minLength;
        private int minNewTokens;
        private int noRepeatNgramSize;

        private Builder(GenerationConfig c) {
            decoderStartTokenId = c.decoderStartTokenId;
            eosTokenIds = c.eosTokenIds;
            padTokenId = c.padTokenId;
            forcedBosTokenId = c.forcedBosTokenId;
            forcedEosTokenIds = c.forcedEosTokenIds;
            numBeams = c.numBeams;
            earlyStopping = c.earlyStopping;
            lengthPenalty = c.lengthPenalty;
            maxNewTokens = c.maxNewTokens;
            maxLength = c.maxLength;
            minLength = c.minLength;
            minNewTokens = c.minNewTokens;
            noRepeatNgramSize = c.noRepeatNgramSize;
        }

        public Builder decoderStartTokenId(int v) {
            decoderStartTokenId = v;
            return this;
        }

        public Builder eosTokenIds(List<Integer> v) {
            eosTokenIds = v;
            return this;
        }

        public Builder forcedBosTokenId(OptionalInt v) {
            forcedBosTokenId = v;
            return this;
        }

        public Builder forcedEosTokenIds(List<Integer> v) {
            forcedEosTokenIds = v;
            return this;
        }

        public Builder numBeams(int v) {
            numBeams = v;
            return this;
        }

        public Builder earlyStopping(EarlyStopping v) {
            earlyStopping = v;
            return this;
        }

        public Builder lengthPenalty(double v) {
            lengthPenalty = v;
            return this;
        }

        public Builder maxNewTokens(int v) {
            maxNewTokens = OptionalInt.of(v);
            return this;
        }

        public Builder maxLength(int v) {
            maxLength = v;
            maxNewTokens = OptionalInt.empty();
            return this;
        }

        public Builder minLength(int v) {
            minLength = v;
            return this;
        }

        public Builder minNewTokens(int v) {
            minNewTokens = v;
            return this;
        }

        public Builder noRepeatNgramSize(int v) {
            noRepeatNgramSize = v;
            return this;
        }

        public GenerationConfig build() {
            return new GenerationConfig(
                    decoderStartTokenId,
                    eosTokenIds,
                    padTokenId,
                    forcedBosTokenId,
                    forcedEosTokenIds,
                    numBeams,
                    earlyStopping,
                    lengthPenalty,
                    maxNewTokens,
                    maxLength,
                    minLength,
                    minNewTokens,
                    noRepeatNgramSize);
        }
    }
}
