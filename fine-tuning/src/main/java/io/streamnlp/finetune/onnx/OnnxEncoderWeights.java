package io.streamnlp.finetune.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The float weights of a Hugging Face BERT-family encoder exported to ONNX, keyed by their PyTorch
 * parameter names ({@code encoder.layer.0.attention.self.query.weight}, ...), and the way back: a
 * copy of the same graph with new values in those initializers.
 *
 * <p>The exporter keeps the names of biases, embeddings and LayerNorm parameters but stores each
 * Linear weight transposed, as an anonymous {@code onnx::MatMul_NNN} initializer. Those are named
 * here after the MatMul node that reads them ({@code /encoder/layer.0/attention/self/query/MatMul}
 * gives {@code encoder.layer.0.attention.self.query.weight}); they keep the graph's {@code [in, out]}
 * layout, so the Java model multiplies by them as they are and export needs no transposition.
 */
public final class OnnxEncoderWeights {

    private static final String MATMUL_SUFFIX = "/MatMul_output_0";

    private final OnnxMl.ModelProto model;
    /** parameter name to initializer name */
    private final Map<String, String> initializerOf;

    private OnnxEncoderWeights(OnnxMl.ModelProto model, Map<String, String> initializerOf) {
        this.model = model;
        this.initializerOf = initializerOf;
    }

    /**
     * Reads an ONNX encoder.
     *
     * @throws IOException if the file cannot be read or is not an ONNX model
     */
    public static OnnxEncoderWeights read(Path file) throws IOException {
        OnnxMl.ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = OnnxMl.ModelProto.parseFrom(in);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IOException(file + " is not an ONNX model: " + e.getMessage(), e);
        }
        Map<String, OnnxMl.TensorProto> floats = new HashMap<>();
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
                floats.put(t.getName(), t);
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            if (floats.containsKey(t.getName()) && !t.getName().startsWith("onnx::")) {
                names.put(t.getName(), t.getName());
            }
        }
        for (OnnxMl.NodeProto node : model.getGraph().getNodeList()) {
            if (node.getOpType().equals("MatMul")
                    && node.getInputCount() == 2
                    && floats.containsKey(node.getInput(1))
                    && node.getOutput(0).endsWith(MATMUL_SUFFIX)) {
                String path = node.getOutput(0);
                String module = path.substring(1, path.length() - MATMUL_SUFFIX.length())
                        .replace('/', '.');
                names.put(module + ".weight", node.getInput(1));
            }
        }
        return new OnnxEncoderWeights(model, names);
    }

    /** Parameter names in graph order. */
    public Iterable<String> names() {
        return initializerOf.keySet();
    }

    /**
     * The weight of a parameter.
     *
     * @throws IllegalArgumentException if the graph has no such parameter
     */
    public WeightTensor get(String parameter) {
        OnnxMl.TensorProto t = initializer(initializerOf(parameter));
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        float[] values;
        if (!t.getRawData().isEmpty()) {
            FloatBuffer buffer = t.getRawData()
                    .asReadOnlyByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer();
            values = new float[buffer.remaining()];
            buffer.get(values);
        } else {
            values = new float[t.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        return new WeightTensor(shape, values);
    }

    /**
     * Writes a copy of the graph with the given parameters' values replaced; everything else, the
     * graph's nodes, inputs and outputs included, is unchanged.
     *
     * @throws IllegalArgumentException if a parameter is unknown or its size differs from the graph's
     */
    public void writeWith(Map<String, float[]> values, Path target) throws IOException {
        OnnxMl.ModelProto copy = modelWith(values);
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.write(target, copy.toByteArray());
    }

    /**
     * A copy of the graph with the given parameters' values replaced, as {@link #writeWith} writes it;
     * for callers that extend the graph before writing it.
     *
     * @throws IllegalArgumentException if a parameter is unknown or its size differs from the graph's
     */
    public OnnxMl.ModelProto modelWith(Map<String, float[]> values) {
        Map<String, float[]> byInitializer = new HashMap<>();
        values.forEach((parameter, v) -> byInitializer.put(initializerOf(parameter), v));
        OnnxMl.ModelProto.Builder copy = model.toBuilder();
        OnnxMl.GraphProto.Builder graph = copy.getGraphBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            OnnxMl.TensorProto t = graph.getInitializer(i);
            float[] v = byInitializer.get(t.getName());
            if (v == null) {
                continue;
            }
            long size = t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
            if (size != v.length) {
                throw new IllegalArgumentException(
                        "initializer " + t.getName() + " holds " + size + " values, got " + v.length);
            }
            ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(v);
            graph.setInitializer(i, t.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(bytes.array())));
        }
        return copy.build();
    }

    private String initializerOf(String parameter) {
        String name = initializerOf.get(parameter);
        if (name == null) {
            throw new IllegalArgumentException("the ONNX encoder has no parameter '" + parameter + "'");
        }
        return name;
    }

    private OnnxMl.TensorProto initializer(String name) {
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("initializer " + name + " vanished");
    }
}
