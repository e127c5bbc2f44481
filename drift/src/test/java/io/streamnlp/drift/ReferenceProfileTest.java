package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceProfileTest {

    @Test
    void summarisesObservationsByHand() {
        ReferenceProfile profile = new ReferenceProfileBuilder()
                .add(observation("a", 0.9, new float[] {1f, 0f}, 4, 0))
                .add(observation("a", 0.7, new float[] {0f, 1f}, 10, 1))
                .add(observation("b", 0.5, new float[] {1f, 1f}, 40, 1))
                .build();

        TaskProfile task = profile.tasks().get("category");
        assertEquals(3, profile.count());
        assertEquals(Map.of("a", 2L, "b", 1L), task.labelCounts());
        assertEquals(0.7, task.meanConfidence(), 1e-12);
        assertEquals(Math.sqrt(0.08 / 3), task.stdConfidence(), 1e-12);
        assertEquals(0.1, task.meanEntropy(), 1e-12);
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3}, profile.embeddingCentroid(), 1e-12);
        assertArrayEquals(new long[] {1, 1, 0, 1, 0, 0, 0}, profile.lengthCounts());
        assertEquals(18.0, profile.meanLengthTokens(), 1e-12);
        assertEquals(2.0 / 54, profile.unknownTokenRate(), 1e-12);
    }

    @Test
    void survivesAJsonRoundTrip(@TempDir Path dir) throws Exception {
        ReferenceProfile profile = new ReferenceProfileBuilder()
                .addAll(SyntheticTraffic.stationary(5L).next(300))
                .build();
        Path file = dir.resolve("reference-profile.json");
        profile.write(file);
        ReferenceProfile read = ReferenceProfile.read(file);

        assertEquals(profile.tasks(), read.tasks());
        assertArrayEquals(profile.embeddingCentroid(), read.embeddingCentroid());
        assertEquals(profile.embeddingSample().size(), read.embeddingSample().size());
        for (int i = 0; i < profile.embeddingSample().size(); i++) {
            assertArrayEquals(
                    profile.embeddingSample().get(i), read.embeddingSample().get(i));
        }
        assertArrayEquals(profile.lengthCounts(), read.lengthCounts());
        assertEquals(profile.unknownTokenRate(), read.unknownTokenRate());
        assertTrue(profile.toJson().contains("\"embedding_centroid\""), "JSON uses snake_case names");
    }

    @Test
    void keepsItsCalibrationsThroughJsonAndReadsProfilesWrittenWithoutThem() {
        ReferenceProfile plain = new ReferenceProfileBuilder()
                .add(observation("a", 0.8, null, 5, 0))
                .build();
        ThresholdCalibration calibration = new ThresholdCalibration(
                200,
                0.01,
                1000,
                7L,
                Map.of("category", DriftThresholds.defaults().with(DriftMetric.PSI, 0.3)));
        ReferenceProfile calibrated = plain.withCalibrations(List.of(calibration));

        assertEquals(
                List.of(calibration),
                ReferenceProfile.fromJson(calibrated.toJson()).calibrations());
        assertTrue(calibrated.toJson().contains("\"calibrations\":[{\"window_size\":200"), calibrated.toJson());
        String withoutField = plain.toJson().replace(",\"calibrations\":[]", "");
        assertFalse(withoutField.contains("calibrations"), withoutField);
        assertEquals(List.of(), ReferenceProfile.fromJson(withoutField).calibrations());
    }

    @Test
    void samplesEmbeddingsBoundedAndReproducibly() {
        List<Observation> data = SyntheticTraffic.stationary(6L).next(1000);
        ReferenceProfile a = new ReferenceProfileBuilder(50, 11L).addAll(data).build();
        ReferenceProfile b = new ReferenceProfileBuilder(50, 11L).addAll(data).build();
        ReferenceProfile c = new ReferenceProfileBuilder(50, 12L).addAll(data).build();

        assertEquals(50, a.embeddingSample().size());
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(a.embeddingSample().get(i), b.embeddingSample().get(i));
        }
        boolean differs = false;
        for (int i = 0; i < 50; i++) {
            differs |= !Arrays.equals(
                    a.embeddingSample().get(i), c.embeddingSample().get(i));
        }
        assertTrue(differs, "another seed draws another sample");
    }

    @Test
    void aModelWithoutEmbeddingsHasNoEmbeddingStatistics() {
        ReferenceProfile profile = new ReferenceProfileBuilder()
                .add(observation("a", 0.8, null, 5, 0))
                .build();
        assertFalse(profile.hasEmbeddings());
        assertTrue(profile.embeddingSample().isEmpty());
        assertEquals(
                profile.tasks(), ReferenceProfile.fromJson(profile.toJson()).tasks());
    }

    @Test
    void rejectsBrokenInputWithAClearMessage() {
        assertThrows(IllegalStateException.class, () -> new ReferenceProfileBuilder().build());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReferenceProfileBuilder()
                        .add(observation("a", 0.8, new float[] {1f, 2f}, 5, 0))
                        .add(observation("a", 0.8, new float[] {1f, 2f, 3f}, 5, 0)));
        String json = new ReferenceProfileBuilder()
                .add(observation("a", 0.8, null, 5, 0))
                .build()
                .toJson();
        IllegalArgumentException wrongVersion = assertThrows(
                IllegalArgumentException.class,
                () -> ReferenceProfile.fromJson(json.replace("\"format_version\":1", "\"format_version\":99")));
        assertTrue(
                wrongVersion.getMessage().contains("unsupported reference profile format 99"),
                wrongVersion.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReferenceProfile.fromJson("{not json"));
    }

    static Observation observation(String label, double confidence, float[] embedding, int length, int unknown) {
        return new Observation(Map.of("category", new Prediction(label, confidence, 0.1)), embedding, length, unknown);
    }
}
