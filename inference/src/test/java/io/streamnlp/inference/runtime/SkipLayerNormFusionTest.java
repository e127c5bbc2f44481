package io.streamnlp.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fusion on small graphs of its own, {@code y = LayerNorm(a + b)} with {@code a} and {@code b} computed
 * from the input {@code x}. CpuOptimizedModelsTest covers a whole encoder.
 */
@Timeout(60)
class SkipLayerNormFusionTest {

    private static final int WIDTH = 8;

    @Test
    void aResidualSumAndItsLayerNormBecomeOneNodeThatComputesTheSame(@TempDir Path dir) {
        OnnxMl.ModelProto source = residualNorm("Neg", "b");
        SkipLayerNormFusion.Result result = SkipLayerNormFusion.apply(source);
        assertEquals(1, result.fused());
        OnnxMl.GraphProto graph = result.model().getGraph();
        assertEquals(1, TestGraphs.count(graph, "SkipLayerNormalization"));
        assertEquals(0, TestGraphs.count(graph, "Add"));
        assertEquals(0, TestGraphs.count(graph, "LayerNormalization"));
        OnnxMl.NodeProto fused = graph.getNodeList().stream()
                .filter(n -> n.getOpType().equals("SkipLayerNormalization"))
                .findFirst()
                .orElseThrow();
        assertEquals("com.microsoft", fused.getDomain());
        assertEquals(List.of("a", "b", "gamma", "beta"), fused.getInputList());
        assertEquals(1e-6f, fused.getAttribute(0).getF());

        assertEquals(
                Optional.empty(),
                GraphProbe.disagreement(
                        TestGraphs.write(dir, "source", source), TestGraphs.write(dir, "fused", result.model()), 1e-5));
    }

    @Test
    void aBiasSumIsLeftAlone() {
        // SkipLayerNormalization reads a 3-D skip; a bias is a constant vector
        OnnxMl.ModelProto source = residualNorm("Neg", "bias");
        SkipLayerNormFusion.Result result = SkipLayerNormFusion.apply(source);
        assertEquals(0, result.fused());
        assertSame(source, result.model());
    }

    @Test
    void aSumThatIsReadElsewhereIsLeftAlone() {
        OnnxMl.ModelProto source = residualNorm("Neg", "b");
        OnnxMl.GraphProto twice = source.getGraph().toBuilder()
                .addNode(TestGraphs.node("Relu", List.of("sum"), "z"))
                .addOutput(TestGraphs.floatValue("z", "N", 4, WIDTH))
                .build();
        assertEquals(
                0,
                SkipLayerNormFusion.apply(source.toBuilder().setGraph(twice).build())
                        .fused());
    }

    @Test
    void aFusionThatBroadcastsTheWrongWayIsCaughtByTheProbe(@TempDir Path dir) {
        // a = mean of x over the batch, [1, 4, 8]: the sum broadcasts a, which SkipLayerNormalization cannot
        OnnxMl.ModelProto source = residualNorm("ReduceMean", "b");
        SkipLayerNormFusion.Result result = SkipLayerNormFusion.apply(source);
        assertEquals(1, result.fused(), "the rewrite cannot see shapes");
        Optional<String> disagreement = GraphProbe.disagreement(
                TestGraphs.write(dir, "source", source), TestGraphs.write(dir, "fused", result.model()), 1e-5);
        assertTrue(disagreement.isPresent());
    }

    /** {@code y = LayerNorm(a + summand)}, {@code a = op(x)}, {@code b = Relu(x)}, over x of shape [N, 4, 8]. */
    static OnnxMl.ModelProto residualNorm(String op, String summand) {
        float[] gamma = new float[WIDTH];
        float[] beta = new float[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            gamma[i] = 0.5f + i / 8f;
            beta[i] = i / 16f - 0.25f;
        }
        OnnxMl.NodeProto a = op.equals("ReduceMean")
                ? TestGraphs.node(op, List.of("x"), "a").toBuilder()
                        .addAttribute(OnnxMl.AttributeProto.newBuilder()
                                .setName("axes")
                                .setType(OnnxMl.AttributeProto.AttributeType.INTS)
                                .addInts(0))
                        .build()
                : TestGraphs.node(op, List.of("x"), "a");
        List<Long> vector = List.of((long) WIDTH);
        return TestGraphs.model(
                17,
                OnnxMl.GraphProto.newBuilder()
                        .setName("residual-norm")
                        .addInput(TestGraphs.floatValue("x", "N", 4, WIDTH))
                        .addOutput(TestGraphs.floatValue("y", "N", 4, WIDTH))
                        .addInitializer(TestGraphs.floatTensor("gamma", vector, gamma))
                        .addInitializer(TestGraphs.floatTensor("beta", vector, beta))
                        .addInitializer(TestGraphs.floatTensor("bias", vector, beta))
                        .addNode(a)
                        .addNode(TestGraphs.node("Relu", List.of("x"), "b"))
                        .addNode(TestGraphs.node("Add", List.of("a", summand), "sum"))
                        .addNode(TestGraphs.node(
                                "LayerNormalization",
                                List.of("sum", "gamma", "beta"),
                                "y",
                                TestGraphs.floatAttribute("epsilon", 1e-6f)))
                        .build());
    }
}
