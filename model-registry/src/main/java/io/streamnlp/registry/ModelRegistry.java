package io.streamnlp.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * The operations on a model registry, whether a directory ({@link ModelStore}) or a remote
 * registry over HTTP ({@code io.streamnlp.registry.http.RemoteModelRegistry}).
 */
public interface ModelRegistry {

    /** Every model, by name. */
    List<ModelSummary> list();

    /** One model's aliases and versions. */
    ModelSummary model(String name);

    /** Whether a model of this name exists (it may have only archived versions). */
    default boolean contains(String name) {
        try {
            model(name);
            return true;
        } catch (ModelNotFoundException e) {
            return false;
        }
    }

    /** All versions of a model, archived ones included, by ascending version. */
    List<ModelVersion> versions(String name);

    ModelVersion resolve(ModelReference reference);

    default ModelVersion resolve(String reference) {
        return resolve(ModelReference.parse(reference));
    }

    /** Adds the files of {@code artifactDir} as the model's next version. */
    ModelVersion register(String name, Path artifactDir, RegistrationRequest request);

    /**
     * Points an alias at an active version and returns that version, once the version passed the
     * registry's verification (digests, structure and its {@link ModelLoadCheck}): a job that
     * follows the alias must be able to load what it points at. Refused with
     * {@link InvalidModelException} otherwise.
     */
    ModelVersion setAlias(String name, String alias, int version);

    /** Points an alias at an active version without verifying it: an operator's override. */
    ModelVersion forceAlias(String name, String alias, int version);

    void removeAlias(String name, String alias);

    /** Moves a version out of use; refused while an alias points at it. */
    ModelVersion archive(String name, int version);

    /** Copies a version's files and manifest into {@code targetDir} (absent or empty) and checks every digest. */
    ModelVersion download(ModelReference reference, Path targetDir);

    /** Recomputes every digest of a version and checks that the model loads. */
    VerificationReport verify(ModelReference reference);
}
