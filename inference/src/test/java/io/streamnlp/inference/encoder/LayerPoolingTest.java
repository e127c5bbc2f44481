package io.streamnlp.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderLayerOutputs;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LayerPoolingTest {

    private static final List<String> TEXTS =
            List.of("I want a refund of my money", "please give me my money back", "the app crashes when I open it");

    @Test
    void theMeanOfTheLastLayersPoolsOtherStatesAndLeavesTheTokenStatesToTheLastLayer() {
        SharedEncoder mean = TestEncoders.miniLm();
        EncoderFiles files = EncoderFiles.builtin(
                BuiltinEncoder.ALL_MINILM_L6_V2,
                TestEncoders.options().modelCacheDir(),
                EncoderSpec.DEFAULT_MAX_LENGTH,
                Precision.FP32,
                Pooling.MEAN_LAST2);
        try (SharedEncoder lastTwo = SharedEncoder.load(files, TestEncoders.options())) {
            EncodedBatch a = mean.encode(TEXTS);
            EncodedBatch b = lastTwo.encode(TEXTS);
            assertEquals(384, lastTwo.embeddingWidth());
            for (int i = 0; i < TEXTS.size(); i++) {
                EncodedText t = b.get(i);
                assertArrayEquals(a.get(i).tokenState(1), t.tokenState(1), 1e-5f, "NER reads the last layer");
                assertEquals(1.0, Vectors.dot(t.embedding(), t.embedding()), 1e-4);
                double cosine = Vectors.dot(a.get(i).embedding(), t.embedding());
                assertTrue(cosine > 0.5 && cosine < 0.999, "layer 5 shares the embedding with layer 6: " + cosine);
            }
            double paraphrase = Vectors.dot(b.get(0).embedding(), b.get(1).embedding());
            double unrelated = Vectors.dot(b.get(0).embedding(), b.get(2).embedding());
            assertTrue(paraphrase > unrelated + 0.1, "paraphrase " + paraphrase + " vs unrelated " + unrelated);
        }
    }

    @Test
    void aGraphWithoutLayersOrWithFewerIsRefusedByName(@TempDir Path dir) throws Exception {
        Path miniLm = TestEncoders.miniLm().files().model();
        assertEquals(
                List.of(
                        "/encoder/layer.2/output/LayerNorm/Add_1_output_0",
                        "/encoder/layer.3/output/LayerNorm/Add_1_output_0",
                        "/encoder/layer.4/output/LayerNorm/Add_1_output_0",
                        EncoderLayerOutputs.LAST_HIDDEN_STATE),
                EncoderLayerOutputs.expose(miniLm, 4).layerOutputs());
        var tooMany = assertThrows(IllegalArgumentException.class, () -> EncoderLayerOutputs.expose(miniLm, 7));
        assertTrue(tooMany.getMessage().endsWith("7 layers asked for, the encoder has 6"), tooMany.getMessage());

        Path head = HeadGraphWriter.write(
                new LinearHead(new float[][] {{1f}, {0f}}, new float[] {0f}), dir.resolve("h.onnx"));
        var notAnEncoder = assertThrows(IllegalArgumentException.class, () -> EncoderLayerOutputs.expose(head, 2));
        assertTrue(notAnEncoder.getMessage().contains("no node writes last_hidden_state"), notAnEncoder.getMessage());
    }
}
