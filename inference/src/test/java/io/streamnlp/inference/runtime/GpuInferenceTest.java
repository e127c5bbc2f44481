package io.streamnlp.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.onnxruntime.OrtProvider;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.encoder.Vectors;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.testing.TestBundles;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inference.device=gpu}: runs only where ONNX Runtime has its CUDA execution provider (the
 * {@code gpu} Maven profile on a host with CUDA 12 and cuDNN 9), and is skipped elsewhere.
 */
@Timeout(300)
class GpuInferenceTest {
    private static final List<String> TEXTS = List.of(
            "I was charged twice for my subscription, please refund one payment",
            "the app crashes when I open the settings page",
            "thanks");

    private final InferenceOptions gpu =
            TestEncoders.options().toBuilder().device(ComputeDevice.GPU).build();

    @BeforeEach
    void requireCuda() {
        assumeTrue(
                OnnxModels.availableProviders().contains(OrtProvider.CUDA),
                "skipped: no CUDA execution provider in this ONNX Runtime (build with -Pgpu on a host with CUDA 12"
                        + " and cuDNN 9); available: " + OnnxModels.availableProviders());
    }

    @Test
    void theEncoderOnTheGpuGivesTheCpuEmbeddings() {
        assertEquals(Device.gpu(0), gpu.djlDevice());
        try (SharedEncoder encoder = SharedEncoder.builtin(gpu)) {
            EncodedBatch onGpu = encoder.encode(TEXTS);
            EncodedBatch onCpu = TestEncoders.miniLm().encode(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                double cosine =
                        Vectors.dot(onCpu.get(i).embedding(), onGpu.get(i).embedding());
                assertTrue(cosine > 0.999, "text " + i + ": cosine " + cosine);
            }
        }
    }

    @Test
    void aBundleLoadsAndPredictsOnTheGpu(@TempDir Path dir) throws Exception {
        Path bundle = TestBundles.write(dir, TestEncoders.miniLm());
        try (NlpPipeline pipeline = NlpPipeline.load(bundle, gpu)) {
            assertEquals(TEXTS.size(), pipeline.predict(TEXTS).size());
        }
    }
}
