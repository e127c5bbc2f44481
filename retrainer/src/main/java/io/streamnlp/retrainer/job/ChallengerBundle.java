package io.streamnlp.retrainer.job;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.TaskKind;
import io.streamnlp.bundle.VersionFiles;
import io.streamnlp.finetune.job.FineTunedModel;
import io.streamnlp.finetune.job.FineTunedTaskEmbedding;
import io.streamnlp.registry.ModelManifest;
import io.streamnlp.training.heads.Head;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A challenger is the champion's bundle with one classification task replaced: same encoder, same
 * other tasks (bit for bit), so the only difference a comparison can see is the retrained task. The
 * task is either a new head on the shared encoder or, fine-tuned, a Hugging Face export with its own
 * encoder in {@code tasks/<task>/}.
 */
public final class ChallengerBundle {

    private ChallengerBundle() {}

    /**
     * The champion's head entry for a task, for head-only retraining.
     *
     * @throws RetrainingRejectedException when the bundle has no trainable head for the task
     */
    public static ClassificationSpec headOf(BundleManifest champion, String task, String version) {
        ClassificationSpec spec = taskOf(champion, task, version);
        if (!TaskKind.HEAD.equals(spec.kind())) {
            throw new RetrainingRejectedException(
                    "task '" + task + "' of " + version + " is a " + spec.kind()
                            + " model, not a head on the shared encoder; only heads are retrained (or set retrain.fine-tune=true)");
        }
        return spec;
    }

    /**
     * The champion's entry for a classification task of any kind, for fine-tuning (which replaces it whole).
     *
     * @throws RetrainingRejectedException when the bundle has no such task
     */
    public static ClassificationSpec taskOf(BundleManifest champion, String task, String version) {
        for (ClassificationSpec spec : champion.classification()) {
            if (spec.task().equals(task)) {
                return spec;
            }
        }
        throw new RetrainingRejectedException(version + " has no classification head '" + task + "' (it has "
                + champion.classification().stream()
                        .map(ClassificationSpec::task)
                        .toList() + ")");
    }

    /**
     * Writes the challenger into {@code target}: the champion's files (without the registry's own
     * files: its reference profile and retraining records) with the task's head and labels replaced.
     *
     * @param championDir a downloaded copy of the champion version
     * @param trainedOn the champion's encoder, which the head was trained on, recorded with the head
     */
    public static BundleManifest write(
            Path championDir, ModelManifest champion, Path target, String task, Head head, EncoderIdentity trainedOn)
            throws IOException {
        BundleManifest bundle = BundleManifest.read(championDir);
        ClassificationSpec old = headOf(bundle, task, champion.name() + ":" + champion.version());
        VersionFiles.copyBundle(championDir, target, List.of(old.path()));
        HeadGraphWriter.write(task, head.hiddenLayer(), head.outputLayer(), BundleManifest.resolve(target, old.path()));
        return replace(bundle, old, ClassificationSpec.head(task, old.path(), head.labels(), trainedOn), target);
    }

    /**
     * Writes the challenger into {@code target}: the champion's files with the task replaced by the
     * fine-tuned model, exported to {@code tasks/<task>/}. A champion imported as {@code hf-onnx} is
     * that one task, so its challenger is the encoder it is read with and the fine-tuned task.
     *
     * @param championDir a downloaded copy of the champion version
     */
    public static BundleManifest writeFineTuned(
            Path championDir, ModelManifest champion, Path target, String task, FineTunedModel<?> model)
            throws IOException {
        BundleManifest bundle = BundleManifest.read(championDir);
        ClassificationSpec old = taskOf(bundle, task, champion.name() + ":" + champion.version());
        if (BundleManifest.resolve(championDir, old.path())
                .equals(championDir.toAbsolutePath().normalize())) {
            new BundleManifest(bundle.encoder(), List.of(), null, null).write(target);
        } else {
            VersionFiles.copyBundle(championDir, target, List.of());
        }
        return FineTunedTaskEmbedding.embed(target, task, model, false);
    }

    private static BundleManifest replace(
            BundleManifest bundle, ClassificationSpec old, ClassificationSpec replacement, Path target)
            throws IOException {
        List<ClassificationSpec> tasks = new ArrayList<>();
        for (ClassificationSpec spec : bundle.classification()) {
            tasks.add(spec == old ? replacement : spec);
        }
        BundleManifest challenger =
                new BundleManifest(bundle.format(), bundle.encoder(), tasks, bundle.ner(), bundle.summarization());
        challenger.write(target);
        return challenger;
    }
}
