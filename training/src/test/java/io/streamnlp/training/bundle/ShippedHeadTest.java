package io.streamnlp.training.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.training.heads.TrainingEncoders;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heads the project ships instead of the real data they were trained on. */
class ShippedHeadTest {

    @TempDir
    Path dir;

    @Test
    void moderationHeadShipsWithItsDataFingerprintScoresAndNotice() throws Exception {
        ShippedHead head = ShippedHead.moderation();

        assertEquals("moderation", head.task());
        assertEquals(List.of("hate_speech", "neither", "offensive_language"), head.labels());
        assertEquals(BuiltinEncoder.DEFAULT.id(), head.encoder());
        assertEquals("MIT", head.licence());
        assertEquals(
                TrainingEncoders.twinRecipe(DefaultBundle.MODERATION),
                head.recipe(),
                "the shipped weights follow the recipe");
        assertTrue(head.dataFingerprint().matches("sha256:[0-9a-f]{64}"), head.dataFingerprint());
        assertTrue(
                head.metrics().get("moderation.macro_f1") >= 0.70,
                head.metrics().toString());
        assertTrue(head.metrics().get("moderation.dev_n") > 1000, head.metrics().toString());

        head.copyTo(dir.resolve("heads/moderation.onnx"));
        assertTrue(Files.size(dir.resolve("heads/moderation.onnx")) > 1000);
        assertTrue(head.graphDigest().matches("sha256:[0-9a-f]{64}"));

        try (InputStream notice = ShippedHead.class.getResourceAsStream(ShippedHead.RESOURCE_DIR + "NOTICE")) {
            assertNotNull(notice, "the NOTICE ships beside the weights");
            String text = new String(notice.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("MIT License") && text.contains("Davidson"), text);
        }
    }

    @Test
    void sentimentHeadShipsWithItsDataFingerprintScoresAndNotice() throws Exception {
        ShippedHead head = ShippedHead.sentiment();

        assertEquals("sentiment", head.task());
        assertEquals(List.of("negative", "neutral", "positive"), head.labels());
        assertEquals(BuiltinEncoder.DEFAULT.id(), head.encoder());
        assertEquals("CC BY 4.0", head.licence());
        assertEquals(TrainingEncoders.twinRecipe(DefaultBundle.SENTIMENT), head.recipe());
        assertTrue(head.dataFingerprint().matches("sha256:[0-9a-f]{64}"), head.dataFingerprint());
        Map<String, Double> metrics = head.metrics();
        assertTrue(metrics.get("sentiment.reviews_accuracy") >= 0.85, metrics.toString());
        assertEquals(300.0, metrics.get("sentiment.reviews_n"));
        assertEquals(
                DefaultBundle.BUILD_DEV_TICKETS, metrics.get("sentiment.dev_n").intValue());

        try (InputStream notice = ShippedHead.class.getResourceAsStream(ShippedHead.RESOURCE_DIR + "NOTICE")) {
            String text = new String(notice.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("Sentiment Labelled Sentences") && text.contains("CC BY 4.0"), text);
        }
    }

    @Test
    void aHeadTrainedOnAnotherEncoderIsRefused() {
        ShippedHead moderation = ShippedHead.moderation();
        ShippedHead other = new ShippedHead(
                moderation.task(),
                moderation.labels(),
                "bge-small-en-v15",
                moderation.source(),
                moderation.licence(),
                moderation.dataFingerprint(),
                moderation.recipe(),
                moderation.dev());

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BundleWriter.write(
                        dir,
                        EncoderSpec.builtin(BuiltinEncoder.DEFAULT),
                        EncoderIdentity.of(BuiltinEncoder.DEFAULT, Pooling.MEAN),
                        List.of(),
                        List.of(other),
                        null,
                        null));
        assertEquals(
                "head 'moderation' was trained on encoder 'bge-small-en-v15', the bundle's encoder is 'all-minilm-l6-v2'",
                e.getMessage());
    }
}
