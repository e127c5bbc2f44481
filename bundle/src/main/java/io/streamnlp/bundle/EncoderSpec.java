package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shared encoder: either a {@link BuiltinEncoder built-in model} taken from the class path or an
 * ONNX file and tokenizer.json inside the bundle.
 *
 * @param builtin name of a built-in encoder ({@link BuiltinEncoder#id()}), or null
 * @param path ONNX file relative to the bundle, when not built in
 * @param tokenizer tokenizer.json relative to the bundle, when not built in
 * @param maxLength tokens per text, special tokens included; longer texts are truncated
 * @param pooling how token states become the sentence embedding; absent means the built-in's own
 *     pooling, or mean for a file (so manifests written before this field load unchanged)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EncoderSpec(
        @JsonProperty("builtin") String builtin,
        @JsonProperty("path") String path,
        @JsonProperty("tokenizer") String tokenizer,
        @JsonProperty("max_length") Integer maxLength,
        @JsonProperty("pooling") Pooling pooling) {

    /** The default built-in encoder's name. */
    public static final String MINILM = "all-minilm-l6-v2";

    public static final int DEFAULT_MAX_LENGTH = 256;

    public EncoderSpec {
        if (maxLength == null) {
            maxLength = DEFAULT_MAX_LENGTH;
        }
        if (pooling == null) {
            pooling = BuiltinEncoder.byId(builtin).map(BuiltinEncoder::pooling).orElse(Pooling.MEAN);
        }
    }

    /** An encoder with its default pooling. */
    public EncoderSpec(String builtin, String path, String tokenizer, Integer maxLength) {
        this(builtin, path, tokenizer, maxLength, null);
    }

    public static EncoderSpec builtinMiniLm(int maxLength) {
        return builtin(BuiltinEncoder.ALL_MINILM_L6_V2, maxLength, null);
    }

    /**
     * A built-in encoder.
     *
     * @param pooling the pooling, or null for the encoder's own
     */
    public static EncoderSpec builtin(BuiltinEncoder encoder, int maxLength, Pooling pooling) {
        return new EncoderSpec(encoder.id(), null, null, maxLength, pooling);
    }

    /** A built-in encoder at its model card's maximum length and pooling. */
    public static EncoderSpec builtin(BuiltinEncoder encoder) {
        return builtin(encoder, encoder.maxLength(), null);
    }
}
