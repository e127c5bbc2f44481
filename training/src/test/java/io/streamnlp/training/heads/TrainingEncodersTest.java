package io.streamnlp.training.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which encoders heads learn from: a built-in's fp32 and int8 twins where both ship, else the one encoder. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TrainingEncodersTest {
    private static final InferenceOptions OPTIONS = InferenceOptions.defaults();
    private static final List<String> TEXTS = List.of(
            "my order arrived broken",
            "thanks, the refund came through quickly",
            "the app crashes every time I open the settings page after the update");

    @TempDir
    Path dir;

    @Test
    void miniLmTrainsOnItsFp32EncoderAndItsInt8Twin() {
        try (TrainingEncoders encoders = TrainingEncoders.open(
                        EncoderSpec.builtin(BuiltinEncoder.ALL_MINILM_L6_V2), null, OPTIONS, ProgressListener.NONE);
                SharedEncoder fp32 = SharedEncoder.builtin(OPTIONS.withPrecision(Precision.FP32));
                SharedEncoder int8 = SharedEncoder.builtin(OPTIONS.withPrecision(Precision.INT8))) {
            assertEquals(
                    List.of(Precision.FP32, Precision.INT8),
                    List.copyOf(encoders.batched().keySet()));
            assertEquals(TrainingEncoders.TWIN_FEATURES, encoders.features());
            assertEquals(
                    "all-minilm-l6-v2.onnx",
                    encoders.primary().files().model().getFileName().toString());

            List<float[]> rows = encoders.encodeEach("encoding", TEXTS, EncodedText::embedding);

            // the same batches through each precision's own encoder: fp32 rows first, then int8 rows
            List<float[]> expected = new ArrayList<>(embeddings(fp32));
            expected.addAll(embeddings(int8));
            assertEquals(expected.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertArrayEquals(expected.get(i), rows.get(i), 1e-6f, "row " + i);
            }
            assertEquals(List.of("a", "b", "c", "a", "b", "c"), encoders.perEncoder(List.of("a", "b", "c")));
        }
    }

    @Test
    void e5ShipsOnlyInt8AndTrainsOnItAlone() {
        try (TrainingEncoders encoders = TrainingEncoders.open(
                EncoderSpec.builtin(BuiltinEncoder.E5_SMALL_V2), null, OPTIONS, ProgressListener.NONE)) {
            assertOneEncoder(encoders);
        }
    }

    @Test
    void anEncoderInsideTheBundleHasNoTwin() throws Exception {
        EncoderFiles miniLm =
                EncoderFiles.builtinMiniLm(OPTIONS.modelCacheDir(), EncoderSpec.DEFAULT_MAX_LENGTH, Precision.FP32);
        Files.createDirectories(dir.resolve("encoder"));
        Files.copy(miniLm.model(), dir.resolve("encoder/model.onnx"));
        Files.copy(miniLm.tokenizer(), dir.resolve("encoder/tokenizer.json"));
        EncoderSpec export = new EncoderSpec(null, "encoder/model.onnx", "encoder/tokenizer.json", 128);

        try (TrainingEncoders encoders = TrainingEncoders.open(export, dir, OPTIONS, ProgressListener.NONE)) {
            assertOneEncoder(encoders);
        }
    }

    private static void assertOneEncoder(TrainingEncoders encoders) {
        assertEquals(List.of(Precision.FP32), List.copyOf(encoders.batched().keySet()));
        assertEquals(TrainingEncoders.PRIMARY_FEATURES, encoders.features());
        assertEquals(
                TEXTS.size(),
                encoders.encodeEach("encoding", TEXTS, EncodedText::embedding).size());
        assertEquals(List.of("a", "b"), encoders.perEncoder(List.of("a", "b")));
    }

    private static List<float[]> embeddings(SharedEncoder encoder) {
        return new BatchedEncoder(encoder, BatchedEncoder.DEFAULT_BATCH_SIZE, ProgressListener.NONE)
                .embeddings("encoding", TEXTS);
    }
}
