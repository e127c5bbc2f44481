package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The named-entity task.
 *
 * @param kind {@code head} (default: an ONNX head on token states) or {@code hf} (a Hugging Face
 *     token-classification export in the directory {@code path})
 * @param path ONNX file (head) or directory (hf), relative to the bundle
 * @param labels IOB2 labels in output order ({@code O}, {@code B-X}, {@code I-X}); required for heads
 * @param contextWindow w: each token's features are its state and those of w neighbours on each side
 * @param input name of the head's input tensor
 * @param output name of the head's output tensor
 * @param aggregation for hf: the transformers pipeline aggregation strategy (none, simple, first, max, average)
 * @param orthographic for heads: the word's surface shape (capitals, digits, punctuation; the inference
 *     module's {@code Orthography}) follows the token states in each input row; absent means false
 * @param trainedOn for heads: the encoder whose token states the head was trained on; absent in bundles
 *     written before heads recorded it, which load on their bundle's encoder unchecked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NerSpec(
        @JsonProperty("kind") String kind,
        @JsonProperty("path") String path,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("context_window") Integer contextWindow,
        @JsonProperty("input") String input,
        @JsonProperty("output") String output,
        @JsonProperty("aggregation") String aggregation,
        @JsonProperty("orthographic") Boolean orthographic,
        @JsonProperty("trained_on") EncoderIdentity trainedOn) {

    public static final int DEFAULT_CONTEXT_WINDOW = 1;
    public static final int MAX_CONTEXT_WINDOW = 8;

    public NerSpec {
        kind = kind == null ? TaskKind.HEAD : kind;
        labels = labels == null ? List.of() : List.copyOf(labels);
        contextWindow = contextWindow == null ? DEFAULT_CONTEXT_WINDOW : contextWindow;
        input = input == null ? TaskKind.DEFAULT_INPUT : input;
        output = output == null ? TaskKind.DEFAULT_OUTPUT : output;
    }

    /**
     * A Hugging Face token-classification export.
     *
     * @param labels the export's labels, or null to read them from its config.json
     * @param aggregation how sub-word predictions become entities (transformers' strategies), or null for the default
     */
    public static NerSpec hf(String path, List<String> labels, String aggregation) {
        return new NerSpec(TaskKind.HF, path, labels, null, null, null, aggregation, null, null);
    }

    /** A head on the shared encoder with the default tensor names. */
    public static NerSpec head(String path, List<String> labels, int contextWindow) {
        return head(path, labels, contextWindow, false);
    }

    /** A head on the shared encoder with the default tensor names, with or without orthographic features. */
    public static NerSpec head(String path, List<String> labels, int contextWindow, boolean orthographic) {
        return head(path, labels, contextWindow, orthographic, null);
    }

    /** A head on the shared encoder with the default tensor names, trained on {@code trainedOn}'s token states. */
    public static NerSpec head(
            String path, List<String> labels, int contextWindow, boolean orthographic, EncoderIdentity trainedOn) {
        return new NerSpec(
                TaskKind.HEAD,
                path,
                labels,
                contextWindow,
                null,
                null,
                null,
                orthographic ? Boolean.TRUE : null,
                trainedOn == null ? null : trainedOn.tokenStates());
    }

    /** Whether each input row ends with the word's orthographic features. */
    public boolean hasOrthographicFeatures() {
        return Boolean.TRUE.equals(orthographic);
    }
}
