package io.streamnlp.training.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.bundle.Json;
import io.streamnlp.drift.CalibrationSettings;
import io.streamnlp.drift.ClassifierOutput;
import io.streamnlp.drift.Observation;
import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.drift.ReferenceProfileBuilder;
import io.streamnlp.drift.ThresholdCalibrator;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.training.heads.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The reference drift profile of a trained bundle: the bundle itself, loaded through the inference
 * pipeline exactly as the streaming job loads it, runs over (a seeded sample of) the training texts.
 * The profile carries thresholds calibrated on the same observations for the default window sizes.
 */
public final class ReferenceProfiles {
    /** Enough for stable label shares and a 200-embedding MMD sample, small enough to stay quick. */
    public static final int MAX_TEXTS = 2000;

    private static final int BATCH = 32;
    private static final ObjectMapper JSON = Json.MAPPER;

    private ReferenceProfiles() {}

    public static ReferenceProfile compute(
            NlpPipeline pipeline, List<String> texts, long seed, ProgressListener progress) {
        List<String> sample = new ArrayList<>(texts);
        if (sample.size() > MAX_TEXTS) {
            Collections.shuffle(sample, new Random(seed));
            sample = sample.subList(0, MAX_TEXTS);
        }
        List<Observation> observations = new ArrayList<>(sample.size());
        progress.start("reference profile", sample.size());
        for (int from = 0; from < sample.size(); from += BATCH) {
            List<String> batch = sample.subList(from, Math.min(sample.size(), from + BATCH));
            for (NlpResult r : pipeline.predict(batch)) {
                observations.add(observation(r));
            }
            progress.advance(Math.min(sample.size(), from + BATCH));
        }
        progress.finish(sample.size() + " texts");
        CalibrationSettings calibration = CalibrationSettings.defaults();
        progress.start("drift thresholds", calibration.windowSizes().size());
        ReferenceProfile profile = new ReferenceProfileBuilder()
                .addAll(observations)
                .build()
                .withCalibrations(new ThresholdCalibrator(calibration).calibrate(observations));
        progress.finish("calibrated for windows of " + calibration.windowSizes());
        return profile;
    }

    /** The drift view of one pipeline result; the mapping itself is the drift module's, shared with the live job. */
    public static Observation observation(NlpResult r) {
        List<ClassifierOutput> outputs = new ArrayList<>(r.classifications().size());
        for (Classification c : r.classifications()) {
            outputs.add(new ClassifierOutput(c.task(), c.label(), c.score(), c.topScores()));
        }
        return Observation.of(outputs, r.embedding(), r.tokenCount(), r.unknownTokens());
    }

    public static JsonNode toJson(ReferenceProfile profile) {
        try {
            return JSON.readTree(profile.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
