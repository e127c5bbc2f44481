package io.streamnlp.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Proves that a version's artifacts load as a model, beyond their digests; throws with the reason
 * when not. A plug-in: loading needs the inference runtime, which the registry does not depend on,
 * so the tools that have it (the CLI's registry commands and {@code registry serve}) provide one.
 */
@FunctionalInterface
public interface ModelLoadCheck {

    /** Accepts every version whose digests and structure are sound. */
    ModelLoadCheck STRUCTURE_ONLY = (dir, manifest) -> {};

    void check(Path versionDir, ModelManifest manifest) throws Exception;

    /**
     * The part of the check that reads only what the manifest records (no artifacts loaded): the store runs it at
     * registration too, so that a version it would refuse to serve is not stored either. Accepts everything unless
     * a check says otherwise.
     *
     * @throws InvalidModelException with the reason
     */
    default void checkRecorded(ModelManifest manifest) {}

    /** This check, then {@code next}; either refusing refuses. */
    default ModelLoadCheck andThen(ModelLoadCheck next) {
        Objects.requireNonNull(next, "next");
        ModelLoadCheck first = this;
        return new ModelLoadCheck() {
            @Override
            public void check(Path versionDir, ModelManifest manifest) throws Exception {
                first.check(versionDir, manifest);
                next.check(versionDir, manifest);
            }

            @Override
            public void checkRecorded(ModelManifest manifest) {
                first.checkRecorded(manifest);
                next.checkRecorded(manifest);
            }
        };
    }
}
