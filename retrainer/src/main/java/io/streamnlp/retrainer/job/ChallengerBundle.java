package io.streamnlp.retrainer.job;

import io.streamnlp.inference.bundle.BundleManifest;
import io.streamnlp.inference.bundle.ClassificationSpec;
import io.streamnlp.inference.bundle.TaskKind;
import io.streamnlp.registry.ArtifactPaths;
import io.streamnlp.registry.ModelManifest;
import io.streamnlp.training.heads.Head;
import io.streamnlp.training.heads.OnnxHeadWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A challenger is the champion's bundle with one classification head replaced: same encoder, same
 * other heads (bit for bit), so the only difference a comparison can see is the retrained task.
 */
public final class ChallengerBundle {

    private ChallengerBundle() {}

    /**
     * The champion's head entry for a task.
     *
     * @throws RetrainingRejectedException when the bundle has no trainable head for the task
     */
    public static ClassificationSpec headOf(BundleManifest champion, String task, String version) {
        for (ClassificationSpec spec : champion.classification()) {
            if (spec.task().equals(task)) {
                if (!TaskKind.HEAD.equals(spec.kind())) {
                    throw new RetrainingRejectedException("task '" + task + "' of " + version + " is a " + spec.kind()
                            + " model, not a head on the shared encoder; only heads are retrained");
                }
                return spec;
            }
        }
        throw new RetrainingRejectedException(version + " has no classification head '" + task + "' (it has "
                + champion.classification().stream().map(ClassificationSpec::task).toList() + ")");
    }

    /**
     * Writes the challenger into {@code target}: the champion's files (without the registry's own
     * files: its reference profile and retraining records) with the task's head and labels replaced.
     *
     * @param championDir a downloaded copy of the champion version
     */
    public static BundleManifest write(Path championDir, ModelManifest champion, Path target, String task, Head head)
            throws IOException {
        BundleManifest bundle = BundleManifest.read(championDir);
        ClassificationSpec old = headOf(bundle, task, champion.name() + ":" + champion.version());
        for (String file : champion.files().keySet()) {
            if (file.equals(champion.referenceProfile()) || RetrainingRecord.isRecord(file)
                    || file.equals(BundleManifest.FILE_NAME) || file.equals(old.path())) {
                continue;
            }
            Path destination = ArtifactPaths.resolveInside(target, file);
            Files.createDirectories(destination.getParent());
            Files.copy(ArtifactPaths.resolveInside(championDir, file), destination);
        }
        OnnxHeadWriter.write(head, task, BundleManifest.resolve(target, old.path()));
        List<ClassificationSpec> heads = new ArrayList<>();
        for (ClassificationSpec spec : bundle.classification()) {
            heads.add(spec == old ? ClassificationSpec.head(task, old.path(), head.labels()) : spec);
        }
        BundleManifest challenger = new BundleManifest(bundle.format(), bundle.encoder(), heads, bundle.ner(),
                bundle.summarization());
        challenger.write(target);
        return challenger;
    }
}
