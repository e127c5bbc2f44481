package io.streamnlp.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.Device;
import ai.onnxruntime.OrtProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceOptionsTest {

    @Test
    void defaultsSuitALaptop() {
        InferenceOptions o = InferenceOptions.defaults();
        assertEquals(ComputeDevice.CPU, o.device());
        assertTrue(o.intraOpThreads() >= 1 && o.intraOpThreads() <= 4);
        assertEquals(1, o.interOpThreads());
        assertEquals(1, o.predictors());
        assertEquals(Device.cpu(), o.djlDevice());
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        var e = assertThrows(
                InvalidOptionsException.class,
                () -> InferenceOptions.builder().intraOpThreads(0).build());
        assertTrue(e.getMessage().contains("intraOpThreads"), e.getMessage());
    }

    @Test
    void gpuWithoutCudaProviderIsAClearError(@TempDir Path dir) throws Exception {
        assumeFalse(OnnxModels.availableProviders().contains(OrtProvider.CUDA));
        Path file = Files.writeString(dir.resolve("m.onnx"), "not a model");
        InferenceOptions gpu =
                InferenceOptions.builder().device(ComputeDevice.GPU).build();
        var e = assertThrows(InferenceException.class, () -> OnnxModels.load(file, gpu));
        assertTrue(e.getMessage().contains("profile 'gpu'"), e.getMessage());
    }
}
