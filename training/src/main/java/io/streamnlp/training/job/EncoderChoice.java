package io.streamnlp.training.job;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.Pooling;
import java.nio.file.Path;

/**
 * The encoder a new model's heads train on; an existing model keeps its own.
 *
 * @param builtin a built-in encoder's name, or null
 * @param exportDir a Hugging Face Optimum {@code feature-extraction} export ({@code model.onnx} and
 *     {@code tokenizer.json}) to copy into the bundle, or null
 * @param pooling the sentence pooling, or null for the encoder's own (mean for an export)
 */
public record EncoderChoice(String builtin, Path exportDir, Pooling pooling) {

    /** The model's own encoder; a new model's is the default built-in one. */
    public static final EncoderChoice MODEL_OWN = new EncoderChoice(null, null, null);

    /**
     * @throws IllegalArgumentException if both a built-in and an export are named, or the built-in is unknown
     */
    public EncoderChoice {
        if (builtin != null && exportDir != null) {
            throw new IllegalArgumentException("name a built-in encoder or an export directory, not both");
        }
        if (builtin != null) {
            BuiltinEncoder.of(builtin);
        }
    }

    /** Whether nothing is chosen: the model's own encoder. */
    public boolean isModelOwn() {
        return builtin == null && exportDir == null && pooling == null;
    }
}
