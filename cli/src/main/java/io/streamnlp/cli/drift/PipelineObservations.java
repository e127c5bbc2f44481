package io.streamnlp.cli.drift;

import io.streamnlp.drift.Observation;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.training.bundle.ReferenceProfiles;
import java.util.ArrayList;
import java.util.List;

/** Runs a pipeline over texts and turns each result into the drift module's {@link Observation}. */
final class PipelineObservations {

    private static final int BATCH = 32;

    private PipelineObservations() {}

    static List<Observation> of(NlpPipeline pipeline, List<String> texts) {
        List<Observation> observations = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            for (NlpResult result : pipeline.predict(texts.subList(from, Math.min(texts.size(), from + BATCH)))) {
                observations.add(ReferenceProfiles.observation(result));
            }
        }
        return observations;
    }
}
