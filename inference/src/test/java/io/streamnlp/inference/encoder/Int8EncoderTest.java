package io.streamnlp.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.ComputeDevice;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.InvalidOptionsException;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.inference.testing.TestBundles;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class Int8EncoderTest {

    private static final List<String> TEXTS = List.of(
            "I was charged twice for my subscription this month, please refund one payment",
            "where is my parcel? the tracking number has not changed since Monday",
            "The app crashes every time I open the settings page on my phone.",
            "thanks, that fixed it");

    @Test
    void precisionParsesAutoFp32AndInt8AndAutoIsInt8OnCpuFp32OnGpu() {
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        assertEquals(Precision.INT8, Precision.parse(" INT8 "));
        var e = assertThrows(InvalidOptionsException.class, () -> Precision.parse("bf16"));
        assertEquals("precision must be 'fp32' or 'int8', got 'bf16'", e.getMessage());
        assertEquals(Precision.INT8, Precision.parse("auto", ComputeDevice.CPU));
        assertEquals(Precision.FP32, Precision.parse("Auto", ComputeDevice.GPU));
        assertEquals(Precision.FP32, Precision.parse("fp32", ComputeDevice.CPU));
        assertEquals(Precision.INT8, InferenceOptions.defaults().precision());
        assertEquals(
                Precision.FP32,
                InferenceOptions.builder().device(ComputeDevice.GPU).build().precision());
        assertEquals(
                Precision.FP32,
                InferenceOptions.builder().precision(Precision.FP32).build().precision());
    }

    @Test
    void int8ServesAQuantizedCopyOfTheFp32ModelWhereverItComesFrom(@TempDir Path bundle) throws Exception {
        Path cache = TestEncoders.options().modelCacheDir();
        EncoderSpec builtin = EncoderSpec.builtinMiniLm(128);
        EncoderFiles fp32 = EncoderFiles.of(builtin, bundle, cache, Precision.FP32);
        assertEquals("all-minilm-l6-v2.onnx", fp32.model().getFileName().toString());
        EncoderFiles int8 = EncoderFiles.of(builtin, bundle, cache, Precision.INT8);
        assertEquals("all-minilm-l6-v2-int8.onnx", int8.model().getFileName().toString());
        assertEquals(fp32.model(), int8.source());
        assertEquals(128, int8.maxLength());

        Files.createDirectories(bundle.resolve("encoder"));
        Files.copy(fp32.model(), bundle.resolve("encoder/model.onnx"));
        Files.copy(fp32.tokenizer(), bundle.resolve("encoder/tokenizer.json"));
        EncoderSpec own = new EncoderSpec(null, "encoder/model.onnx", "encoder/tokenizer.json", 64);
        EncoderFiles ownInt8 = EncoderFiles.of(own, bundle, cache, Precision.INT8);
        assertEquals("model-int8.onnx", ownInt8.model().getFileName().toString());
        assertEquals(
                EncoderFiles.of(own, bundle, cache, Precision.FP32).identity(),
                ownInt8.identity(),
                "heads trained on the bundle's file load on its int8 copy");
    }

    @Test
    void int8EmbeddingsStayCloseToFp32() throws Exception {
        InferenceOptions int8Options = TestEncoders.options().withPrecision(Precision.INT8);
        try (SharedEncoder int8 = SharedEncoder.builtin(int8Options)) {
            // int8 MatMul weights; the token embeddings stay fp32
            assertTrue(Files.size(int8.files().model())
                    < Files.size(TestEncoders.miniLm().files().model()) * 2 / 3);
            EncodedBatch quantized = int8.encode(TEXTS);
            EncodedBatch reference = TestEncoders.miniLm().encode(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertEquals(reference.get(i).tokenCount(), quantized.get(i).tokenCount(), "same tokenizer");
                double cosine = Vectors.dot(
                        reference.get(i).embedding(), quantized.get(i).embedding());
                // on 1,000 banking77 texts: mean 0.994, least 0.987; a four-word text moves more
                assertTrue(cosine > 0.97, "text " + i + ": cosine " + cosine);
            }
        }
    }

    @Test
    void trainingEncoderIsFp32WhateverTheServingPrecision() {
        InferenceOptions int8Options = TestEncoders.options().withPrecision(Precision.INT8);
        try (SharedEncoder training = SharedEncoder.forTraining(int8Options)) {
            assertEquals(TestEncoders.miniLm().files().model(), training.files().model());
        }
    }

    @Test
    void aPipelineLoadsTheBuiltinEncoderAtTheOptionsPrecision(@TempDir Path dir) throws Exception {
        Path bundle = TestBundles.write(dir, TestEncoders.miniLm());
        try (NlpPipeline pipeline =
                NlpPipeline.load(bundle, TestEncoders.options().withPrecision(Precision.INT8))) {
            assertEquals(
                    "all-minilm-l6-v2-int8.onnx",
                    pipeline.encoder().files().model().getFileName().toString());
            assertEquals(TEXTS.size(), pipeline.predict(TEXTS).size());
        }
    }
}
