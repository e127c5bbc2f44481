package io.streamnlp.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What "normal" looks like for one model version, computed from its training (or a held-out) data set and
 * stored with the version as JSON ({@link #toJson()}, {@link #fromJson(String)}).
 *
 * @param formatVersion        {@value #FORMAT_VERSION}; bumped on incompatible changes
 * @param count                observations profiled
 * @param tasks                per-task prediction statistics
 * @param embeddingCentroid    mean sentence embedding, or null when the model has no embedding
 * @param embeddingSample      seeded uniform sample of embeddings (empty when there are none), for MMD
 * @param lengthBinUpperBounds bin edges of {@link LengthBins}, stored so the file is self-describing
 * @param lengthCounts         input length histogram in tokens, one count per bin
 * @param meanLengthTokens     mean input length in tokens
 * @param unknownTokenRate     unknown tokens over all tokens
 * @param calibrations         thresholds calibrated for some window sizes ({@link ThresholdCalibrator}); empty in
 *                             profiles written before calibration existed, which then use the fixed defaults
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReferenceProfile(
        int formatVersion,
        long count,
        Map<String, TaskProfile> tasks,
        double[] embeddingCentroid,
        List<float[]> embeddingSample,
        int[] lengthBinUpperBounds,
        long[] lengthCounts,
        double meanLengthTokens,
        double unknownTokenRate,
        List<ThresholdCalibration> calibrations) {

    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    public ReferenceProfile {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported reference profile format " + formatVersion
                    + " (this build reads " + FORMAT_VERSION + ")");
        }
        if (count <= 0) {
            throw new IllegalArgumentException("a reference profile needs at least one observation");
        }
        tasks = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tasks, "tasks")));
        embeddingSample = embeddingSample == null
                ? List.of()
                : embeddingSample.stream().map(float[]::clone).toList();
        if (embeddingCentroid != null) {
            embeddingCentroid = embeddingCentroid.clone();
            int dimension = embeddingCentroid.length;
            if (embeddingSample.stream().anyMatch(e -> e.length != dimension)) {
                throw new IllegalArgumentException(
                        "embedding sample dimension differs from the centroid's " + dimension);
            }
        } else if (!embeddingSample.isEmpty()) {
            throw new IllegalArgumentException("embedding sample given without a centroid");
        }
        if (!Arrays.equals(lengthBinUpperBounds, LengthBins.upperBounds())) {
            throw new IllegalArgumentException("length bins " + Arrays.toString(lengthBinUpperBounds)
                    + " differ from this build's " + Arrays.toString(LengthBins.upperBounds()));
        }
        lengthBinUpperBounds = lengthBinUpperBounds.clone();
        if (lengthCounts == null || lengthCounts.length != LengthBins.count()) {
            throw new IllegalArgumentException("need " + LengthBins.count() + " length counts");
        }
        lengthCounts = lengthCounts.clone();
        TaskProfile.requireFiniteNonNegative("meanLengthTokens", meanLengthTokens);
        if (!(unknownTokenRate >= 0.0 && unknownTokenRate <= 1.0)) {
            throw new IllegalArgumentException("unknownTokenRate must be in [0, 1], got " + unknownTokenRate);
        }
        calibrations = calibrations == null ? List.of() : List.copyOf(calibrations);
        if (calibrations.stream()
                        .map(ThresholdCalibration::windowSize)
                        .distinct()
                        .count()
                != calibrations.size()) {
            throw new IllegalArgumentException("more than one calibration for one window size");
        }
    }

    /** This profile with the given calibrations in place of its own. */
    public ReferenceProfile withCalibrations(List<ThresholdCalibration> newCalibrations) {
        return new ReferenceProfile(
                formatVersion,
                count,
                tasks,
                embeddingCentroid,
                embeddingSample,
                lengthBinUpperBounds,
                lengthCounts,
                meanLengthTokens,
                unknownTokenRate,
                newCalibrations);
    }

    /** Mean sentence embedding, if the profiled model produces embeddings. */
    public boolean hasEmbeddings() {
        return embeddingCentroid != null;
    }

    @Override
    public double[] embeddingCentroid() {
        return embeddingCentroid == null ? null : embeddingCentroid.clone();
    }

    @Override
    public int[] lengthBinUpperBounds() {
        return lengthBinUpperBounds.clone();
    }

    @Override
    public long[] lengthCounts() {
        return lengthCounts.clone();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise reference profile", e);
        }
    }

    /** Parses a profile; malformed or inconsistent JSON gives an {@link IllegalArgumentException}. */
    public static ReferenceProfile fromJson(String json) {
        try {
            return JSON.readValue(json, ReferenceProfile.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("invalid reference profile: " + cause.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    public static ReferenceProfile read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }
}
