package io.streamnlp.cli.registry;

import io.streamnlp.inference.pipeline.BundleLoadCheck;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelManifest;
import java.nio.file.Path;

/**
 * The load check the registry commands and {@code registry serve} plug into the registry: the
 * version loads through the inference pipeline as the job will load it, with the labels its
 * manifest records.
 */
public final class ServingLoadCheck implements ModelLoadCheck {

    public static final ModelLoadCheck INSTANCE = new ServingLoadCheck();

    private final BundleLoadCheck check = BundleLoadCheck.withDefaults();

    private ServingLoadCheck() {}

    @Override
    public void check(Path versionDir, ModelManifest manifest) {
        check.check(versionDir, manifest.labels());
    }
}
