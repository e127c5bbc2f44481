package io.streamnlp.finetune.job;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.FileTrees;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.TaskKind;
import io.streamnlp.finetune.export.HfExportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a fine-tuned task into an existing bundle as a Hugging Face export with its own encoder
 * ({@code tasks/<task>/}, kind {@code hf}), replacing the task's previous entry and files or adding
 * it (the replaced entry's file or directory is deleted); every other task keeps the bundle's shared
 * encoder.
 */
public final class FineTunedTaskEmbedding {

    public static final String TASKS_DIR = "tasks/";
    /** A word takes the tag of its first sub-word, the token fine-tuning labelled it by. */
    static final String NER_AGGREGATION = "first";

    private FineTunedTaskEmbedding() {}

    /** @param bundle a copy of the parent's bundle files, changed in place */
    public static BundleManifest embed(Path bundle, String task, FineTunedModel<?> model, boolean ner)
            throws IOException {
        BundleManifest parent = BundleManifest.read(bundle);
        String path = TASKS_DIR + task;
        List<String> labels = model.training().weights().labels();
        BundleManifest updated;
        if (ner) {
            if (parent.ner() != null) {
                FileTrees.deleteRecursively(
                        BundleManifest.resolve(bundle, parent.ner().path()));
            }
            updated = new BundleManifest(
                    parent.format(),
                    parent.encoder(),
                    parent.classification(),
                    NerSpec.hf(path, labels, NER_AGGREGATION),
                    parent.summarization());
        } else {
            ClassificationSpec spec = new ClassificationSpec(task, TaskKind.HF, path, labels, null, null);
            List<ClassificationSpec> tasks = new ArrayList<>();
            boolean replaced = false;
            for (ClassificationSpec c : parent.classification()) {
                if (c.task().equals(task)) {
                    FileTrees.deleteRecursively(BundleManifest.resolve(bundle, c.path()));
                    tasks.add(spec);
                    replaced = true;
                } else {
                    tasks.add(c);
                }
            }
            if (!replaced) {
                tasks.add(spec);
            }
            updated =
                    new BundleManifest(parent.format(), parent.encoder(), tasks, parent.ner(), parent.summarization());
        }
        model.writeHfExport(
                BundleManifest.resolve(bundle, path),
                ner ? HfExportWriter.Pooling.NONE : HfExportWriter.Pooling.MEAN_NORMALIZED);
        updated.write(bundle);
        updated.requireFiles(bundle);
        return updated;
    }
}
