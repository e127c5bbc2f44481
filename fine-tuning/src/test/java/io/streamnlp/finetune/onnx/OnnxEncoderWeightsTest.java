package io.streamnlp.finetune.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamnlp.finetune.TestEncoder;
import io.streamnlp.finetune.model.BertEncoder;
import io.streamnlp.finetune.model.EncoderConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class OnnxEncoderWeightsTest {

    private static OnnxEncoderWeights base;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws Exception {
        base = OnnxEncoderWeights.read(TestEncoder.files().model());
    }

    @Test
    void namesEveryMiniLmParameterWithItsOnnxLayout() {
        Map<String, long[]> expected = BertEncoder.expectedShapes(EncoderConfig.MINILM_L6);
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), base.get(e.getKey()).shape(), e.getKey());
        }
        // 100 float parameters: 5 embedding tensors and 16 per layer, Linear weights named after their MatMul
        assertEquals(expected.size(), 5 + 16 * 6);
    }

    @Test
    void writesNewValuesIntoACopyOfTheGraph() throws Exception {
        String name = "encoder.layer.2.intermediate.dense.bias";
        float[] values = base.get(name).values().clone();
        values[7] += 1f;
        Path copy = dir.resolve("model.onnx");

        base.writeWith(Map.of(name, values), copy);

        OnnxEncoderWeights written = OnnxEncoderWeights.read(copy);
        assertArrayEquals(values, written.get(name).values(), 0f);
        String other = "encoder.layer.2.output.dense.weight";
        assertArrayEquals(base.get(other).values(), written.get(other).values(), 0f);
    }

    @Test
    void refusesUnknownNamesAndWrongSizes() {
        assertThrows(IllegalArgumentException.class, () -> base.get("pooler.dense.weight"));
        assertThrows(
                IllegalArgumentException.class,
                () -> base.writeWith(Map.of("embeddings.LayerNorm.bias", new float[3]), dir.resolve("x.onnx")));
    }
}
