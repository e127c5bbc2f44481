package io.streamnlp.bundle;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a task head as the ONNX graph the bundle format expects of classification and NER heads:
 * float input {@code [N, inputs]} named {@value #INPUT}, float probabilities {@code [N, classes]}
 * named {@value #OUTPUT}, softmax inside the graph (the graph Tribuo's linear models export). An
 * optional hidden layer becomes Gemm, then ReLU spelled as {@code Where(z > 0, z, 0)} (Tribuo's
 * operator set has no Relu), then the output Gemm. Built with Tribuo's {@code ONNXContext}, which
 * needs protobuf only, so writing a bundle never loads ONNX Runtime.
 */
public final class HeadGraphWriter {

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    private static final long IR_VERSION = 8;

    private HeadGraphWriter() {}

    /** Writes a linear head {@code softmax(input W + b)} with the default tensor names. */
    public static Path write(LinearHead head, Path file) throws IOException {
        return write("streamnlp-linear-head", null, head, file);
    }

    /**
     * Writes a head atomically, so that a reader never sees half a graph.
     *
     * @param hidden the ReLU hidden layer, or null for a linear head
     */
    public static Path write(String graphName, LinearHead hidden, LinearHead output, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".head", ".onnx.tmp");
        try {
            Files.write(tmp, toBytes(graphName, hidden, output, INPUT, OUTPUT));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** The serialised ONNX model of a head. */
    public static byte[] toBytes(
            String graphName, LinearHead hidden, LinearHead output, String inputName, String outputName) {
        if (hidden != null && hidden.classes() != output.inputs()) {
            throw new IllegalArgumentException("the hidden layer has " + hidden.classes() + " units, the output layer "
                    + output.inputs() + " inputs");
        }
        ONNXContext ctx = new ONNXContext();
        ctx.setName(graphName);
        int inputs = hidden == null ? output.inputs() : hidden.inputs();
        ONNXPlaceholder input = ctx.floatInput(inputName, inputs);
        ONNXRef<?> features = input;
        if (hidden != null) {
            ONNXNode z = gemm(ctx, features, "hidden", hidden);
            ONNXInitializer zero = ctx.constant("zero", 0f);
            ONNXNode positive = z.apply(ONNXOperators.GREATER, zero);
            features = ctx.operation(ONNXOperators.WHERE, List.of(positive, z, zero), "relu");
        }
        ONNXNode logits = gemm(ctx, features, "output", output);
        logits.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1)).assignTo(ctx.floatOutput(outputName, output.classes()));
        return OnnxMl.ModelProto.newBuilder()
                .setGraph(ctx.buildGraph())
                .setIrVersion(IR_VERSION)
                .setProducerName("streamnlp")
                .setDomain("io.streamnlp")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(ONNXOperators.getOpsetVersion()))
                .build()
                .toByteArray();
    }

    private static ONNXNode gemm(ONNXContext ctx, ONNXRef<?> x, String name, LinearHead layer) {
        ONNXInitializer weights =
                ctx.floatTensor(name + "_weights", List.of(layer.inputs(), layer.classes()), buffer -> {
                    for (float[] row : layer.weights()) {
                        buffer.put(row);
                    }
                });
        ONNXInitializer bias = ctx.array(name + "_bias", layer.bias());
        return ctx.operation(ONNXOperators.GEMM, List.of(x, weights, bias), name + "_gemm");
    }
}
