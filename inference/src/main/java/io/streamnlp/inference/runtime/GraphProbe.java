package io.streamnlp.inference.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs two ONNX files on one synthetic input and says whether the second computes what the first does: the
 * same outputs with the same shapes and, for float outputs, a root-mean-square difference within a
 * tolerance relative to the reference's. The input has a batch of 2 and 8 of every other symbolic dimension;
 * integer inputs named like a mask hold ones, like token types zeros, others small token ids.
 */
final class GraphProbe {

    private static final int BATCH = 2;
    private static final int OTHER_DIMENSION = 8;

    private GraphProbe() {}

    /**
     * Why {@code candidate} does not compute what {@code reference} does on the probe input, or empty when it
     * does.
     */
    static Optional<String> disagreement(Path reference, Path candidate, double tolerance) {
        OrtEnvironment env = OnnxModels.environment();
        try (OrtSession.SessionOptions options = singleThreaded();
                OrtSession expected = env.createSession(reference.toString(), options);
                OrtSession actual = env.createSession(candidate.toString(), options)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                for (Map.Entry<String, NodeInfo> input : expected.getInputInfo().entrySet()) {
                    Optional<OnnxTensor> tensor = probe(env, input.getKey(), input.getValue());
                    if (tensor.isEmpty()) {
                        return Optional.of("input '" + input.getKey() + "' is of a type the probe cannot fill");
                    }
                    inputs.put(input.getKey(), tensor.get());
                }
                try (OrtSession.Result want = expected.run(inputs);
                        OrtSession.Result got = actual.run(inputs)) {
                    for (Map.Entry<String, OnnxValue> output : want) {
                        Optional<String> difference =
                                compare(output.getKey(), output.getValue(), got.get(output.getKey()), tolerance);
                        if (difference.isPresent()) {
                            return difference;
                        }
                    }
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
            return Optional.empty();
        } catch (OrtException e) {
            return Optional.of("probe run failed: " + e.getMessage());
        }
    }

    private static OrtSession.SessionOptions singleThreaded() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        return options;
    }

    private static Optional<OnnxTensor> probe(OrtEnvironment env, String name, NodeInfo info) throws OrtException {
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            return Optional.empty();
        }
        long[] shape = tensor.getShape().clone();
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                shape[i] = i == 0 ? BATCH : OTHER_DIMENSION;
            }
            size *= shape[i];
        }
        String lower = name.toLowerCase(Locale.ROOT);
        long[] values = new long[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = lower.contains("mask") ? 1 : lower.contains("type") ? 0 : 1 + (7L * i) % 100;
        }
        if (tensor.type == OnnxJavaType.INT64) {
            return Optional.of(OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape));
        }
        if (tensor.type == OnnxJavaType.INT32) {
            int[] ints = new int[values.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = (int) values[i];
            }
            return Optional.of(OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape));
        }
        if (tensor.type == OnnxJavaType.FLOAT) {
            float[] floats = new float[values.length];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = ((i % 13) - 6) / 6f;
            }
            return Optional.of(OnnxTensor.createTensor(env, FloatBuffer.wrap(floats), shape));
        }
        return Optional.empty();
    }

    private static Optional<String> compare(String name, OnnxValue want, Optional<OnnxValue> got, double tolerance)
            throws OrtException {
        if (got.isEmpty() || !(want instanceof OnnxTensor w) || !(got.get() instanceof OnnxTensor g)) {
            return Optional.of("output '" + name + "' is missing or not a tensor");
        }
        if (!Arrays.equals(w.getInfo().getShape(), g.getInfo().getShape())) {
            return Optional.of("output '" + name + "' has shape "
                    + Arrays.toString(g.getInfo().getShape()) + ", expected "
                    + Arrays.toString(w.getInfo().getShape()));
        }
        if (w.getInfo().type != OnnxJavaType.FLOAT) {
            return Optional.empty();
        }
        FloatBuffer a = w.getFloatBuffer();
        FloatBuffer b = g.getFloatBuffer();
        double squares = 0;
        double differences = 0;
        for (int i = 0; i < a.limit(); i++) {
            squares += (double) a.get(i) * a.get(i);
            double d = a.get(i) - b.get(i);
            differences += d * d;
        }
        double relative = Math.sqrt(differences / Math.max(squares, Double.MIN_NORMAL));
        return relative <= tolerance
                ? Optional.empty()
                : Optional.of(String.format(
                        Locale.ROOT,
                        "output '%s' differs by %.4f (root-mean-square, relative), more than %.4f",
                        name,
                        relative,
                        tolerance));
    }
}
