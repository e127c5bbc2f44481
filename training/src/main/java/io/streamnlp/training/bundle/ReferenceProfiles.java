package io.streamnlp.training.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.drift.Observation;
import io.streamnlp.drift.Prediction;
import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.drift.ReferenceProfileBuilder;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.LabelScore;
import io.streamnlp.training.heads.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The reference drift profile of a trained bundle: the bundle itself, loaded through the inference
 * pipeline exactly as the streaming job loads it, runs over (a seeded sample of) the training texts.
 */
public final class ReferenceProfiles {
    /** Enough for stable label shares and a 200-embedding MMD sample, small enough to stay quick. */
    public static final int MAX_TEXTS = 2000;
    private static final int BATCH = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceProfiles() {}

    public static ReferenceProfile compute(NlpPipeline pipeline, List<String> texts, long seed, ProgressListener progress) {
        List<String> sample = new ArrayList<>(texts);
        if (sample.size() > MAX_TEXTS) {
            Collections.shuffle(sample, new Random(seed));
            sample = sample.subList(0, MAX_TEXTS);
        }
        ReferenceProfileBuilder builder = new ReferenceProfileBuilder();
        progress.start("reference profile", sample.size());
        for (int from = 0; from < sample.size(); from += BATCH) {
            List<String> batch = sample.subList(from, Math.min(sample.size(), from + BATCH));
            for (NlpResult r : pipeline.predict(batch)) {
                builder.add(observation(r));
            }
            progress.advance(Math.min(sample.size(), from + BATCH));
        }
        progress.finish(sample.size() + " texts");
        return builder.build();
    }

    static Observation observation(NlpResult r) {
        Map<String, Prediction> predictions = new HashMap<>();
        for (Classification c : r.classifications()) {
            predictions.put(c.task(), prediction(c));
        }
        return new Observation(predictions, r.embedding(), r.tokenCount(), r.unknownTokens());
    }

    /**
     * Top-1 label and confidence. The pipeline reports only the top-k scores, so the entropy counts
     * the probability left over as one more outcome: exact for k >= labels - 1, a lower bound otherwise.
     */
    private static Prediction prediction(Classification c) {
        double entropy = 0;
        double rest = 1;
        for (LabelScore s : c.topK()) {
            if (s.score() > 0) {
                entropy -= s.score() * Math.log(s.score());
            }
            rest -= s.score();
        }
        if (rest > 1e-6) {
            entropy -= rest * Math.log(rest);
        }
        return new Prediction(c.label(), Math.min(1.0, Math.max(0.0, c.score())), Math.max(0.0, entropy));
    }

    public static JsonNode toJson(ReferenceProfile profile) {
        try {
            return JSON.readTree(profile.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
