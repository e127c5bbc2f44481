package io.streamnlp.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class PyTorchEngineOfflineTest {

    @Test
    void bundledNativeLibraryComputesGradients() {
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("2.7.1", engine.getVersion());
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                collector.backward(x.mul(x).sum());
            }
            assertArrayEquals(new float[] {2f, 4f, 6f}, x.getGradient().toFloatArray());
        }
    }
}
