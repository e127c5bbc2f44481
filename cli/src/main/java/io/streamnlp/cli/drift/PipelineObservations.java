package io.streamnlp.cli.drift;

import io.streamnlp.drift.Observation;
import io.streamnlp.drift.Prediction;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.LabelScore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a pipeline over texts and turns each result into the drift module's {@link Observation}. */
final class PipelineObservations {

    private static final int BATCH = 32;

    private PipelineObservations() {
    }

    static List<Observation> of(NlpPipeline pipeline, List<String> texts) {
        List<Observation> observations = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            for (NlpResult result : pipeline.predict(texts.subList(from, Math.min(texts.size(), from + BATCH)))) {
                observations.add(observation(result));
            }
        }
        return observations;
    }

    static Observation observation(NlpResult result) {
        Map<String, Prediction> predictions = new LinkedHashMap<>();
        for (Classification c : result.classifications()) {
            double[] top = c.topK().stream().mapToDouble(LabelScore::score).toArray();
            predictions.put(c.task(), Prediction.fromTopK(c.label(), top.length == 0 ? new double[] {c.score()} : top));
        }
        return new Observation(predictions, result.embedding(), result.tokenCount(),
                Math.min(result.unknownTokens(), result.tokenCount()));
    }
}
