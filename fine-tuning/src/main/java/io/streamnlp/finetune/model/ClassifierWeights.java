package io.streamnlp.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.finetune.onnx.WeightTensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy of an {@link EncoderWithHead}'s weights on the Java heap: the best checkpoint kept while
 * training goes on, and what export writes.
 *
 * @param encoder encoder weights by Hugging Face name, in ONNX layout
 * @param head the classification head ({@code [hidden, labels]} weights and bias)
 * @param labels the head's labels, in output order
 */
public record ClassifierWeights(Map<String, WeightTensor> encoder, LinearHead head, List<String> labels) {

    public ClassifierWeights {
        encoder = Collections.unmodifiableMap(new LinkedHashMap<>(encoder));
        labels = List.copyOf(labels);
        if (head.classes() != labels.size()) {
            throw new IllegalArgumentException(
                    "head has " + head.classes() + " outputs for " + labels.size() + " labels");
        }
    }

    /** Copies the current values out of the model's arrays. */
    public static ClassifierWeights of(EncoderWithHead model) {
        Map<String, WeightTensor> encoder = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.encoder().namedParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            encoder.put(e.getKey(), new WeightTensor(a.getShape().getShape(), a.toFloatArray()));
        }
        NDArray w = model.headWeight().getArray();
        int hidden = (int) w.getShape().get(0);
        int classes = (int) w.getShape().get(1);
        float[] flat = w.toFloatArray();
        float[][] rows = new float[hidden][];
        for (int i = 0; i < hidden; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
        }
        return new ClassifierWeights(
                encoder, new LinearHead(rows, model.headBias().getArray().toFloatArray()), model.labels());
    }

    /** Encoder values by parameter name, as {@code OnnxEncoderWeights.writeWith} takes them. */
    public Map<String, float[]> encoderValues() {
        Map<String, float[]> values = new LinkedHashMap<>();
        encoder.forEach((name, t) -> values.put(name, t.values()));
        return values;
    }
}
