package io.streamnlp.inference.runtime;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dynamic int8 quantization of an fp32 ONNX graph, the scheme of ONNX Runtime's {@code quantize_dynamic}
 * with per-channel weights: every {@code MatMul} whose right operand is a 2-D fp32 initializer becomes
 * {@code DynamicQuantizeLinear} on its input (uint8, one scale per tensor, computed per batch), {@code
 * MatMulInteger} with the weights as int8 (symmetric, one scale per output column), {@code Cast} and a
 * {@code Mul} by the product of the scales. ONNX Runtime fuses that chain into one {@code
 * DynamicQuantizeMatMul} kernel at load time. Every other node, the graph's inputs and outputs stay as they
 * were, so a quantized graph is a drop-in replacement for its source.
 */
public final class DynamicInt8Quantizer {

    /** Names the scheme in cache keys and training recipes: change it when the scheme changes. */
    public static final String SCHEME = "matmul-u8s8-per-channel-v1";

    private static final String DOMAIN_ONNX = "";
    private static final int MIN_OPSET = 11;
    private static final int INT8_MAX = 127;

    private DynamicInt8Quantizer() {}

    /** A quantized graph and how many of its MatMul nodes were quantized (0: the graph is returned as it was). */
    public record Result(OnnxMl.ModelProto model, int quantizedMatMuls) {}

    /**
     * Quantizes {@code model}'s weight MatMuls.
     *
     * @throws InferenceException if the graph has MatMul weights to quantize but imports an ONNX opset
     *     older than 11 (which lacks {@code DynamicQuantizeLinear}), or keeps weights in external files
     */
    public static Result quantize(OnnxMl.ModelProto model) {
        OnnxMl.GraphProto graph = model.getGraph();
        Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));

        List<OnnxMl.NodeProto> nodes = new ArrayList<>();
        Map<String, String[]> quantizedInputs = new HashMap<>();
        Set<String> quantizedWeights = new HashSet<>();
        List<OnnxMl.TensorProto> newInitializers = new ArrayList<>();
        int count = 0;
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            OnnxMl.TensorProto weights = node.getInputCount() == 2 ? initializers.get(node.getInput(1)) : null;
            if (!isWeightMatMul(node, weights)) {
                nodes.add(node);
                continue;
            }
            if (count == 0) {
                requireQuantizable(model, weights);
            }
            count++;
            String w = weights.getName();
            if (quantizedWeights.add(w)) {
                newInitializers.addAll(quantizeWeights(weights));
            }
            String[] input = quantizedInputs.computeIfAbsent(node.getInput(0), a -> {
                String[] q = {a + "_quantized", a + "_scale", a + "_zero_point"};
                nodes.add(node("DynamicQuantizeLinear", a + "_QuantizeLinear", List.of(a), List.of(q)));
                return q;
            });
            String name = node.getName().isEmpty() ? node.getOutput(0) : node.getName();
            String output = node.getOutput(0);
            nodes.add(node(
                    "MatMulInteger",
                    name + "_quant",
                    List.of(input[0], w + "_quantized", input[2], w + "_zero_point"),
                    List.of(output + "_int32")));
            nodes.add(
                    node("Cast", name + "_cast", List.of(output + "_int32"), List.of(output + "_unscaled")).toBuilder()
                            .addAttribute(OnnxMl.AttributeProto.newBuilder()
                                    .setName("to")
                                    .setType(OnnxMl.AttributeProto.AttributeType.INT)
                                    .setI(OnnxMl.TensorProto.DataType.FLOAT.getNumber()))
                            .build());
            nodes.add(node("Mul", name + "_scales", List.of(input[1], w + "_scale"), List.of(output + "_scales")));
            nodes.add(
                    node("Mul", name + "_rescale", List.of(output + "_unscaled", output + "_scales"), List.of(output)));
        }
        if (count == 0) {
            return new Result(model, 0);
        }
        OnnxMl.GraphProto.Builder rewritten =
                graph.toBuilder().clearNode().addAllNode(nodes).clearInitializer();
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            if (!quantizedWeights.contains(t.getName()) || usedOtherwise(t.getName(), nodes)) {
                rewritten.addInitializer(t);
            }
        }
        rewritten.addAllInitializer(newInitializers);
        return new Result(model.toBuilder().setGraph(rewritten).build(), count);
    }

    private static boolean isWeightMatMul(OnnxMl.NodeProto node, OnnxMl.TensorProto weights) {
        return node.getOpType().equals("MatMul")
                && node.getDomain().equals(DOMAIN_ONNX)
                && weights != null
                && weights.getDataType() == OnnxMl.TensorProto.DataType.FLOAT.getNumber()
                && weights.getDimsCount() == 2;
    }

    private static void requireQuantizable(OnnxMl.ModelProto model, OnnxMl.TensorProto weights) {
        long opset = model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().equals(DOMAIN_ONNX) || o.getDomain().equals("ai.onnx"))
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion)
                .max()
                .orElse(0);
        if (opset < MIN_OPSET) {
            throw new InferenceException("int8 quantization needs ONNX opset " + MIN_OPSET
                    + " or later (DynamicQuantizeLinear); this graph imports opset " + opset
                    + ": export it again with a newer opset, or serve it at fp32");
        }
        if (weights.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) {
            throw new InferenceException("int8 quantization reads weights stored in the ONNX file; '"
                    + weights.getName() + "' is in an external data file: serve this graph at fp32");
        }
    }

    /** A weight still read by a node other than the MatMuls that now read its int8 twin. */
    private static boolean usedOtherwise(String name, List<OnnxMl.NodeProto> nodes) {
        return nodes.stream().anyMatch(n -> n.getInputList().contains(name));
    }

    /** int8 weights, one symmetric scale per output column, and the zero points (all 0) that MatMulInteger takes. */
    private static List<OnnxMl.TensorProto> quantizeWeights(OnnxMl.TensorProto weights) {
        int rows = (int) weights.getDims(0);
        int columns = (int) weights.getDims(1);
        float[] values = floats(weights);
        float[] scales = new float[columns];
        for (int i = 0; i < values.length; i++) {
            int c = i % columns;
            scales[c] = Math.max(scales[c], Math.abs(values[i]));
        }
        for (int c = 0; c < columns; c++) {
            scales[c] = scales[c] == 0 ? 1f : scales[c] / INT8_MAX;
        }
        byte[] quantized = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            long q = Math.round(values[i] / scales[i % columns]);
            quantized[i] = (byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, q));
        }
        ByteBuffer scaleBytes = ByteBuffer.allocate(4 * columns).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : scales) {
            scaleBytes.putFloat(s);
        }
        String name = weights.getName();
        return List.of(
                tensor(
                        name + "_quantized",
                        OnnxMl.TensorProto.DataType.INT8,
                        List.of((long) rows, (long) columns),
                        quantized),
                tensor(name + "_scale", OnnxMl.TensorProto.DataType.FLOAT, List.of((long) columns), scaleBytes.array()),
                tensor(
                        name + "_zero_point",
                        OnnxMl.TensorProto.DataType.INT8,
                        List.of((long) columns),
                        new byte[columns]));
    }

    private static float[] floats(OnnxMl.TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            FloatBuffer buffer = t.getRawData()
                    .asReadOnlyByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        }
        float[] values = new float[t.getFloatDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.getFloatData(i);
        }
        return values;
    }

    private static OnnxMl.TensorProto tensor(
            String name, OnnxMl.TensorProto.DataType type, List<Long> dims, byte[] rawData) {
        return OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .addAllDims(dims)
                .setRawData(ByteString.copyFrom(rawData))
                .build();
    }

    private static OnnxMl.NodeProto node(String op, String name, List<String> inputs, List<String> outputs) {
        return OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .setName(name)
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .build();
    }
}
