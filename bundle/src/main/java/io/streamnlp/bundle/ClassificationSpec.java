package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One classification task.
 *
 * @param task task name, unique in the bundle (e.g. {@code category})
 * @param kind {@code head} (default: an ONNX head on the sentence embedding) or {@code hf} (a
 *     Hugging Face sequence-classification export in the directory {@code path})
 * @param path ONNX file (head) or directory (hf), relative to the bundle
 * @param labels label names in output order; required for heads, read from config.json for hf
 * @param input name of the head's input tensor
 * @param output name of the head's output tensor
 * @param trainedOn for heads: the encoder and pooling the head was trained on; absent in bundles
 *     written before heads recorded it, which load on their bundle's encoder unchecked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassificationSpec(
        @JsonProperty("task") String task,
        @JsonProperty("kind") String kind,
        @JsonProperty("path") String path,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("input") String input,
        @JsonProperty("output") String output,
        @JsonProperty("trained_on") EncoderIdentity trainedOn) {

    public ClassificationSpec {
        kind = kind == null ? TaskKind.HEAD : kind;
        labels = labels == null ? List.of() : List.copyOf(labels);
        input = input == null ? TaskKind.DEFAULT_INPUT : input;
        output = output == null ? TaskKind.DEFAULT_OUTPUT : output;
    }

    /** A task that does not record the encoder it was trained on. */
    public ClassificationSpec(String task, String kind, String path, List<String> labels, String input, String output) {
        this(task, kind, path, labels, input, output, null);
    }

    /** A head on the shared encoder with the default tensor names. */
    public static ClassificationSpec head(String task, String path, List<String> labels) {
        return head(task, path, labels, null);
    }

    /** A head on the shared encoder with the default tensor names, trained on {@code trainedOn}. */
    public static ClassificationSpec head(String task, String path, List<String> labels, EncoderIdentity trainedOn) {
        return new ClassificationSpec(task, TaskKind.HEAD, path, labels, null, null, trainedOn);
    }
}
