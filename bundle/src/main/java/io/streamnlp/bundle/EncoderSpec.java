package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shared encoder: either a built-in model taken from the class path or an ONNX file and
 * tokenizer.json inside the bundle.
 *
 * @param builtin name of a built-in encoder ({@value #MINILM}), or null
 * @param path ONNX file relative to the bundle, when not built in
 * @param tokenizer tokenizer.json relative to the bundle, when not built in
 * @param maxLength tokens per text, special tokens included; longer texts are truncated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EncoderSpec(
        @JsonProperty("builtin") String builtin,
        @JsonProperty("path") String path,
        @JsonProperty("tokenizer") String tokenizer,
        @JsonProperty("max_length") Integer maxLength) {

    /** The fp32 all-MiniLM-L6-v2 sentence-transformers model. */
    public static final String MINILM = "all-minilm-l6-v2";

    public static final int DEFAULT_MAX_LENGTH = 256;

    public EncoderSpec {
        if (maxLength == null) {
            maxLength = DEFAULT_MAX_LENGTH;
        }
    }

    public static EncoderSpec builtinMiniLm(int maxLength) {
        return new EncoderSpec(MINILM, null, null, maxLength);
    }
}
