package io.streamnlp.training.bundle;

import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.training.heads.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Registers a trained bundle as a new version, the same way for head-only and fine-tuned training:
 * with its metrics, a data fingerprint, its parent and a reference profile of held-out texts (a model
 * is more confident on its training texts, and a profile of those would flag ordinary unseen traffic
 * as drift). A new model's first version becomes champion; later versions wait for promotion.
 */
public final class VersionRegistration {

    private VersionRegistration() {}

    /**
     * @param parent the model's champion, or null for a new model
     * @param pipeline the bundle loaded for inference, to compute the reference profile with
     * @return the registered version, with the champion alias when the model is new
     */
    public static ModelVersion register(
            ModelStore store,
            String model,
            ModelVersion parent,
            Path bundle,
            NlpPipeline pipeline,
            List<String> heldOutTexts,
            long seed,
            ProgressListener progress,
            Map<String, Double> metrics,
            String fingerprint) {
        ModelVersion version = store.register(
                model,
                bundle,
                RegistrationRequest.builder()
                        .metrics(metrics)
                        .referenceProfile(ReferenceProfiles.toJson(
                                ReferenceProfiles.compute(pipeline, heldOutTexts, seed, progress)))
                        .trainingDataFingerprint(fingerprint)
                        .parentVersion(parent == null ? null : parent.version())
                        .build());
        return parent == null ? store.setAlias(model, ModelReference.DEFAULT_ALIAS, version.version()) : version;
    }
}
