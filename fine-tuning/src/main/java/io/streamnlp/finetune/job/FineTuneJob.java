package io.streamnlp.finetune.job;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.FileTrees;
import io.streamnlp.bundle.VersionFiles;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.TokenClassificationTask;
import io.streamnlp.finetune.train.TrainingProgress;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.training.DataFingerprint;
import io.streamnlp.training.bundle.BundleWriter;
import io.streamnlp.training.bundle.MetricNames;
import io.streamnlp.training.bundle.ParentBundle;
import io.streamnlp.training.bundle.VersionRegistration;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.Conll;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TaggedSentence;
import io.streamnlp.training.data.TrainDevSplit;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.job.ClassificationTaskName;
import io.streamnlp.training.job.TaskType;
import io.streamnlp.training.metrics.ClassificationReport;
import io.streamnlp.training.metrics.NerReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code streamnlp train --fine-tune}: fine-tunes the built-in all-MiniLM-L6-v2 together with a
 * classification or NER head on the PyTorch engine, writes the result as a bundle (served by ONNX
 * Runtime like any other), and registers it with dev metrics, a reference drift profile of the
 * held-out texts, the data fingerprint and, when the model already exists, its champion as parent. A
 * new model's first version becomes champion; later versions wait for promotion.
 *
 * <p>A new model's bundle runs on the fine-tuned encoder. For an existing model whose bundle has other
 * tasks, the new version is the champion's bundle with this task added or replaced by a Hugging Face
 * export of the fine-tuned encoder and head ({@code tasks/<task>/}, kind {@code hf}): the other tasks
 * were trained on the champion's encoder and keep it.
 */
public final class FineTuneJob {

    private final ModelStore store;
    private final InferenceOptions options;
    private final TrainingProgress progress;
    private final ProgressListener profileProgress;

    public FineTuneJob(
            ModelStore store, InferenceOptions options, TrainingProgress progress, ProgressListener profileProgress) {
        this.store = store;
        this.options = options;
        this.progress = progress;
        this.profileProgress = profileProgress;
    }

    /**
     * @throws DatasetFormatException if a data file is unreadable, empty or malformed (nothing is registered)
     * @throws IllegalArgumentException if the data or the request cannot make a model (nothing is registered)
     */
    public FineTuneOutcome run(FineTuneRequest request) throws DatasetFormatException, IOException {
        // resolved once: the task name, the bundle the task joins and the lineage all follow this champion
        ModelVersion parent = parentOf(request.model());
        return request.task() == TaskType.NER ? runNer(request, parent) : runClassification(request, parent);
    }

    private FineTuneOutcome runClassification(FineTuneRequest request, ModelVersion parent)
            throws DatasetFormatException, IOException {
        FineTuneConfig config = request.config();
        String task = ClassificationTaskName.of(
                request.head(), request.model(), parent == null ? null : BundleManifest.read(store.directory(parent)));
        TrainDevSplit<LabeledText> split = TrainDevSplit.of(
                ClassificationTsv.read(request.train()),
                request.dev() == null ? null : ClassificationTsv.read(request.dev()),
                config.seed(),
                2,
                request.train(),
                "examples");
        List<String> labels = new ArrayList<>(
                new TreeSet<>(split.train().stream().map(LabeledText::label).toList()));
        if (labels.size() < 2) {
            throw new IllegalArgumentException(
                    request.train() + ": classification needs at least 2 labels, found " + labels);
        }
        String fingerprint = new DataFingerprint()
                .add("fine-tune")
                .add(task)
                .add(config.toString())
                .addClassification("train", split.train())
                .addClassification("dev", split.dev())
                .value();
        FineTunedModel<ClassificationReport> trained =
                new EncoderFineTuning(options, progress).classification(split.train(), split.dev(), labels, config);
        return register(
                request,
                parent,
                task,
                trained,
                MetricNames.classification(task, trained.training().dev()),
                split.dev().stream().map(LabeledText::text).toList(),
                fingerprint);
    }

    private FineTuneOutcome runNer(FineTuneRequest request, ModelVersion parent)
            throws DatasetFormatException, IOException {
        FineTuneConfig config = request.config();
        String task = BundleWriter.NER_TASK;
        TrainDevSplit<TaggedSentence> split = TrainDevSplit.of(
                Conll.read(request.train()),
                request.dev() == null ? null : Conll.read(request.dev()),
                config.seed(),
                1,
                request.train(),
                "sentences");
        List<String> labels = TokenClassificationTask.labelsOf(split.train());
        if (labels.size() < 2) {
            throw new IllegalArgumentException(
                    request.train() + ": ner needs at least one entity type, found only O tags");
        }
        String fingerprint = new DataFingerprint()
                .add("fine-tune")
                .add(task)
                .add(config.toString())
                .addNer("train", split.train())
                .addNer("dev", split.dev())
                .value();
        FineTunedModel<NerReport> trained =
                new EncoderFineTuning(options, progress).ner(split.train(), split.dev(), labels, config);
        return register(
                request,
                parent,
                task,
                trained,
                MetricNames.ner(trained.training().dev()),
                split.dev().stream().map(TaggedSentence::text).toList(),
                fingerprint);
    }

    /** Writes the bundle (its own, or the parent's with this task in it) and registers it. */
    private FineTuneOutcome register(
            FineTuneRequest request,
            ModelVersion parent,
            String task,
            FineTunedModel<?> trained,
            Map<String, Double> taskMetrics,
            List<String> heldOutTexts,
            String fingerprint)
            throws IOException {
        boolean ner = request.task() == TaskType.NER;
        Path work = Files.createTempDirectory("streamnlp-fine-tune");
        try {
            Path bundle = work.resolve("bundle");
            Map<String, Double> metrics = ParentBundle.inheritedMetrics(parent, task);
            metrics.putAll(taskMetrics);
            metrics.putAll(trained.training().devCurve().metrics(task));
            Path parentDir = parent == null ? null : store.directory(parent);
            if (parentDir != null && hasOtherTasks(BundleManifest.read(parentDir), task, ner)) {
                VersionFiles.copyBundle(parentDir, bundle, List.of());
                FineTunedTaskEmbedding.embed(bundle, task, trained, ner);
            } else if (ner) {
                trained.writeNerBundle(bundle, task);
            } else {
                trained.writeClassificationBundle(bundle, task);
            }
            try (NlpPipeline pipeline = NlpPipeline.load(bundle, options)) {
                ModelVersion version = VersionRegistration.register(
                        store,
                        request.model(),
                        parent,
                        bundle,
                        pipeline,
                        heldOutTexts,
                        request.config().seed(),
                        profileProgress,
                        metrics,
                        fingerprint);
                return new FineTuneOutcome(version, task, parent == null, metrics, trained.training());
            }
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    /** Whether a bundle has a task besides the one being fine-tuned (which then must not lose its encoder). */
    private static boolean hasOtherTasks(BundleManifest bundle, String task, boolean ner) {
        boolean otherClassification =
                bundle.classification().stream().anyMatch(c -> ner || !c.task().equals(task));
        return otherClassification || (!ner && bundle.ner() != null) || bundle.summarization() != null;
    }

    private ModelVersion parentOf(String model) {
        if (store.list().stream().noneMatch(m -> m.name().equals(model))) {
            return null;
        }
        return store.resolve(new ModelReference(model, null, null));
    }
}
