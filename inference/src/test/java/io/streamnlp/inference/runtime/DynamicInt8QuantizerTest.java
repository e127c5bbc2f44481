package io.streamnlp.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quantizer on a small graph of its own, {@code y = x W1 + x W2}: two weight MatMuls sharing one input.
 * Int8EncoderTest covers a whole encoder.
 */
@Timeout(60)
class DynamicInt8QuantizerTest {

    private static final int IN = 16;
    private static final int OUT = 6;

    @Test
    void theQuantizedGraphComputesTheSameWithinInt8Error(@TempDir Path dir) throws Exception {
        OnnxMl.ModelProto fp32 = twoMatMuls(13);
        DynamicInt8Quantizer.Result result = DynamicInt8Quantizer.quantize(fp32);
        assertEquals(2, result.quantizedMatMuls());
        Path fp32File = TestGraphs.write(dir, "fp32", fp32);
        Path int8File = TestGraphs.write(dir, "int8", result.model());

        FloatMatrix x = random(32, IN, new Random(7));
        FloatMatrix expected;
        FloatMatrix actual;
        try (DenseOnnxModel reference = DenseOnnxModel.load(fp32File, "x", "y", TestEncoders.options());
                DenseOnnxModel quantized = DenseOnnxModel.load(int8File, "x", "y", TestEncoders.options())) {
            expected = reference.apply(x);
            actual = quantized.apply(x);
        }
        float largest = 0;
        float error = 0;
        for (int i = 0; i < expected.data().length; i++) {
            largest = Math.max(largest, Math.abs(expected.data()[i]));
            error = Math.max(error, Math.abs(expected.data()[i] - actual.data()[i]));
        }
        assertTrue(error > 0, "the int8 graph ran, not the fp32 one");
        assertTrue(error < 0.03f * largest, "largest error " + error + " against values up to " + largest);
    }

    @Test
    void theInputIsQuantizedOnceAndTheWeightsPerColumnSymmetrically() {
        OnnxMl.GraphProto graph =
                DynamicInt8Quantizer.quantize(twoMatMuls(13)).model().getGraph();
        assertEquals(1, TestGraphs.count(graph, "DynamicQuantizeLinear"), "one quantization of x for both MatMuls");
        assertEquals(2, TestGraphs.count(graph, "MatMulInteger"));
        assertEquals(0, TestGraphs.count(graph, "MatMul"));
        assertEquals(
                List.of("x"),
                graph.getInputList().stream()
                        .map(OnnxMl.ValueInfoProto::getName)
                        .toList());
        assertEquals(
                List.of("y"),
                graph.getOutputList().stream()
                        .map(OnnxMl.ValueInfoProto::getName)
                        .toList());
        assertFalse(
                graph.getInitializerList().stream().anyMatch(t -> t.getName().equals("w1")),
                "the fp32 weights are gone");

        OnnxMl.TensorProto weights = initializer(graph, "w1_quantized");
        OnnxMl.TensorProto scales = initializer(graph, "w1_scale");
        assertEquals(OnnxMl.TensorProto.DataType.INT8.getNumber(), weights.getDataType());
        assertEquals(List.of((long) IN, (long) OUT), weights.getDimsList());
        assertEquals(List.of((long) OUT), scales.getDimsList());
        byte[] q = weights.getRawData().toByteArray();
        float[] w = weights(1);
        ByteBuffer s = scales.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < OUT; c++) {
            int largest = 0;
            float largestWeight = 0;
            for (int r = 0; r < IN; r++) {
                largest = Math.max(largest, Math.abs(q[r * OUT + c]));
                largestWeight = Math.max(largestWeight, Math.abs(w[r * OUT + c]));
            }
            assertEquals(127, largest, "column " + c + " uses the whole int8 range");
            assertEquals(largestWeight / 127, s.getFloat(4 * c), 1e-7f);
        }
        assertTrue(initializer(graph, "w1_zero_point").getRawData().toByteArray().length == OUT);
    }

    @Test
    void aGraphWithoutWeightMatMulsIsLeftAsItIs() throws Exception {
        // a head: Gemm, not MatMul
        OnnxMl.ModelProto head = OnnxMl.ModelProto.parseFrom(HeadGraphWriter.toBytes(
                "head", null, new LinearHead(new float[][] {{1, 2}, {3, 4}}, new float[] {0, 1}), "input", "output"));
        DynamicInt8Quantizer.Result result = DynamicInt8Quantizer.quantize(head);
        assertEquals(0, result.quantizedMatMuls());
        assertSame(head, result.model());
    }

    @Test
    void anOpsetWithoutDynamicQuantizeLinearIsRefusedWithTheWayOut() {
        var e = assertThrows(InferenceException.class, () -> DynamicInt8Quantizer.quantize(twoMatMuls(10)));
        assertEquals(
                "int8 quantization needs ONNX opset 11 or later (DynamicQuantizeLinear); this graph imports opset 10:"
                        + " export it again with a newer opset, or serve it at fp32",
                e.getMessage());
    }

    @Test
    void theCacheQuantizesAFileOnceAndLeavesAnUnquantizableOneAlone(@TempDir Path dir) throws Exception {
        Path fp32 = TestGraphs.write(dir, "model", twoMatMuls(13));
        Path cache = dir.resolve("cache");
        Path int8 = Int8Models.of(fp32, cache);
        assertEquals("model-int8.onnx", int8.getFileName().toString());
        assertTrue(int8.startsWith(cache.resolve(Int8Models.DIRECTORY)));
        var written = Files.getLastModifiedTime(int8);
        assertEquals(int8, Int8Models.of(fp32, cache));
        assertEquals(written, Files.getLastModifiedTime(int8), "the second call reuses the copy");

        Path head = HeadGraphWriter.write(new LinearHead(new float[][] {{1}}, new float[] {0}), dir.resolve("h.onnx"));
        assertEquals(head, Int8Models.of(head, cache));
        assertEquals(head, Int8Models.of(head, cache));
    }

    @Test
    void anInt8CopyDamagedInTheCacheIsQuantizedAgainAndLoads(@TempDir Path dir) throws Exception {
        Path fp32 = TestGraphs.write(dir, "model", twoMatMuls(13));
        Path cache = dir.resolve("cache");
        Path int8 = Int8Models.of(fp32, cache);
        byte[] bytes = Files.readAllBytes(int8);
        Files.write(int8, Arrays.copyOf(bytes, bytes.length / 2));
        InferenceOptions options =
                TestEncoders.options().toBuilder().modelCacheDir(cache).build();
        try (var model = Int8Models.load(fp32, int8, options)) {
            assertEquals(List.of("x"), model.describeInput().keys());
        }
        assertArrayEquals(bytes, Files.readAllBytes(int8), "the copy was made again, the same as before");
    }

    private static OnnxMl.ModelProto twoMatMuls(int opset) {
        List<Long> dims = List.of((long) IN, (long) OUT);
        return TestGraphs.model(
                opset,
                OnnxMl.GraphProto.newBuilder()
                        .setName("two-matmuls")
                        .addInput(TestGraphs.floatValue("x", "N", IN))
                        .addOutput(TestGraphs.floatValue("y", "N", OUT))
                        .addInitializer(TestGraphs.floatTensor("w1", dims, weights(1)))
                        .addInitializer(TestGraphs.floatTensor("w2", dims, weights(2)))
                        .addNode(TestGraphs.node("MatMul", List.of("x", "w1"), "a"))
                        .addNode(TestGraphs.node("MatMul", List.of("x", "w2"), "b"))
                        .addNode(TestGraphs.node("Add", List.of("a", "b"), "y"))
                        .build());
    }

    private static float[] weights(long seed) {
        Random random = new Random(seed);
        float[] w = new float[IN * OUT];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * (1 + i % OUT);
        }
        return w;
    }

    private static FloatMatrix random(int rows, int cols, Random random) {
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new FloatMatrix(rows, cols, data);
    }

    private static OnnxMl.TensorProto initializer(OnnxMl.GraphProto graph, String name) {
        return graph.getInitializerList().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
