package io.streamnlp.registry;

import java.nio.file.Path;

/** Proves that a version's artifacts load as a model, beyond their digests; throws with the reason when not. */
@FunctionalInterface
public interface ModelLoadCheck {

    /** Accepts every version whose digests and structure are sound. */
    ModelLoadCheck STRUCTURE_ONLY = (dir, manifest) -> {};

    /** The check the registry's tools run by default: load the model with the inference module's defaults. */
    static ModelLoadCheck standard() {
        return InferenceLoadCheck.withDefaults();
    }

    void check(Path versionDir, ModelManifest manifest) throws Exception;
}
