package io.streamnlp.registry;

import java.nio.file.Path;

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
}
