package io.streamnlp.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of artifacts a version holds, which decides how the inference module loads it. */
public enum ModelFormat {
    /** A StreamNLP bundle: {@code bundle.json}, one shared encoder and ONNX heads. */
    SHARED_ENCODER_BUNDLE("shared-encoder-bundle"),
    /** A Hugging Face Optimum ONNX export: model or encoder/decoder ONNX, tokenizer.json, config.json. */
    HF_ONNX("hf-onnx");

    private final String id;

    ModelFormat(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static ModelFormat fromId(String id) {
        for (ModelFormat format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        throw new InvalidModelException(
                "unknown model format '" + ModelNames.printable(id) + "': expected shared-encoder-bundle or hf-onnx");
    }

    @Override
    public String toString() {
        return id;
    }
}
