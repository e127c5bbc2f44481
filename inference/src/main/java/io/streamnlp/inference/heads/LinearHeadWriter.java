package io.streamnlp.inference.heads;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * Writes a {@link LinearHead} as an ONNX graph {@code softmax(input @ W + b)}: input float
 * {@code [N, inputs]}, output float {@code [N, classes]}, the shape the bundle format expects of
 * classification and NER heads (the same graph Tribuo's linear models export).
 */
public final class LinearHeadWriter {

    private static final long IR_VERSION = 8;

    private LinearHeadWriter() {}

    /** Writes the head to {@code file} with tensors named {@code input} and {@code output}. */
    public static Path write(LinearHead head, Path file) throws IOException {
        return write(head, file, "input", "output");
    }

    public static Path write(LinearHead head, Path file, String inputName, String outputName) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.write(file, toBytes(head, inputName, outputName));
        return file;
    }

    /** The serialised ONNX model. */
    public static byte[] toBytes(LinearHead head, String inputName, String outputName) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("streamnlp-linear-head");
        ONNXPlaceholder input = ctx.floatInput(inputName, head.inputs());
        ONNXInitializer w = ctx.floatTensor("W", List.of(head.inputs(), head.classes()), buffer -> {
            for (float[] row : head.weights()) {
                buffer.put(row);
            }
        });
        ONNXInitializer b = ctx.array("b", head.bias());
        input.apply(ONNXOperators.GEMM, List.of(w, b))
                .apply(ONNXOperators.SOFTMAX)
                .assignTo(ctx.floatOutput(outputName, head.classes()));
        return OnnxMl.ModelProto.newBuilder()
                .setGraph(ctx.buildGraph())
                .setIrVersion(IR_VERSION)
                .setProducerName("streamnlp")
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .build()
                .toByteArray();
    }
}
