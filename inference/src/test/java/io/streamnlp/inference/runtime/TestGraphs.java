package io.streamnlp.inference.runtime;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds small ONNX graphs for tests of graph rewrites. */
final class TestGraphs {

    private TestGraphs() {}

    static OnnxMl.ModelProto model(int opset, OnnxMl.GraphProto graph) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(opset))
                .setGraph(graph)
                .build();
    }

    static OnnxMl.TensorProto floatTensor(String name, List<Long> dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .addAllDims(dims)
                .setRawData(ByteString.copyFrom(bytes.array()))
                .build();
    }

    /** A float tensor's declaration; each dimension is a size (Integer) or a symbolic name (String). */
    static OnnxMl.ValueInfoProto floatValue(String name, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            shape.addDim(d instanceof Integer size ? dim.setDimValue(size) : dim.setDimParam(d.toString()));
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                                .setShape(shape)))
                .build();
    }

    static OnnxMl.NodeProto node(String op, List<String> inputs, String output, OnnxMl.AttributeProto... attributes) {
        return OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .setName(output + "_" + op)
                .addAllInput(inputs)
                .addOutput(output)
                .addAllAttribute(List.of(attributes))
                .build();
    }

    static OnnxMl.AttributeProto floatAttribute(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    /** Writes {@code model} to {@code dir/name.onnx}. */
    static Path write(Path dir, String name, OnnxMl.ModelProto model) {
        try {
            return Files.write(dir.resolve(name + ".onnx"), model.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long count(OnnxMl.GraphProto graph, String op) {
        return graph.getNodeList().stream()
                .filter(n -> n.getOpType().equals(op))
                .count();
    }
}
