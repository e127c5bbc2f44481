package io.streamnlp.training.heads;

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
 * Writes a {@link Head} as the ONNX graph the bundle format expects: float input {@code [N, inputDim]}
 * named {@value #INPUT}, float probabilities {@code [N, labels]} named {@value #OUTPUT} (softmax inside
 * the graph). A hidden layer becomes Gemm, then ReLU spelled as {@code Where(z > 0, z, 0)} (Tribuo's
 * operator set has no Relu), then Gemm.
 */
public final class OnnxHeadWriter {
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    private static final long IR_VERSION = 8;

    private OnnxHeadWriter() {}

    public static byte[] toBytes(Head head, String graphName) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName(graphName);
        ONNXPlaceholder input = ctx.floatInput(INPUT, head.inputDim());
        ONNXRef<?> features = input;
        int in = head.inputDim();
        if (head.hiddenUnits() > 0) {
            ONNXNode z = gemm(ctx, features, "hidden", in, head.hiddenUnits(), head.hiddenWeights(), head.hiddenBias());
            ONNXInitializer zero = ctx.constant("zero", 0f);
            ONNXNode positive = z.apply(ONNXOperators.GREATER, zero);
            features = ctx.operation(ONNXOperators.WHERE, List.of(positive, z, zero), "relu");
            in = head.hiddenUnits();
        }
        ONNXNode logits = gemm(ctx, features, "output", in, head.labels().size(), head.outputWeights(), head.outputBias());
        ONNXNode probabilities = logits.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1));
        probabilities.assignTo(ctx.floatOutput(OUTPUT, head.labels().size()));
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setGraph(ctx.buildGraph())
                .setIrVersion(IR_VERSION)
                .setProducerName("streamnlp-training")
                .setDomain("io.streamnlp")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(ONNXOperators.getOpsetVersion()))
                .build();
        return model.toByteArray();
    }

    /** Writes atomically, so a reader never sees half a head. */
    public static void write(Head head, String graphName, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".head", ".onnx.tmp");
        try {
            Files.write(tmp, toBytes(head, graphName));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ONNXNode gemm(ONNXContext ctx, ONNXRef<?> x, String name, int in, int out, float[] w, float[] b) {
        ONNXInitializer weights = ctx.floatTensor(name + "_weights", List.of(in, out), fb -> fb.put(w));
        ONNXInitializer bias = ctx.array(name + "_bias", b);
        return ctx.operation(ONNXOperators.GEMM, List.of(x, weights, bias), name + "_gemm");
    }
}
