package io.streamnlp.retrainer.job;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.FileTrees;
import io.streamnlp.bundle.VersionFiles;
import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.finetune.job.EncoderFineTuning;
import io.streamnlp.finetune.job.FineTunedModel;
import io.streamnlp.finetune.train.FineTuneConfig;
import io.streamnlp.finetune.train.FineTuned;
import io.streamnlp.finetune.train.TrainingProgress;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.registry.Int8DeltaBound;
import io.streamnlp.registry.ModelNotFoundException;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.retrainer.job.RetrainingOutcome.Status;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.training.ClassifierTraining;
import io.streamnlp.training.TrainedClassifier;
import io.streamnlp.training.bundle.ReferenceProfiles;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.TrainDevSplit;
import io.streamnlp.training.eval.PipelineEvaluation;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.heads.TrainingEncoders;
import io.streamnlp.training.metrics.ClassificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one retrain request end to end: feedback and original data in, a challenger version out,
 * evaluated against the champion on held-out feedback and promoted only when it wins by the margin.
 * Every registry change goes through the {@link ModelRegistry}, whose listeners (or server) publish
 * the model events the enrichment job follows.
 */
public final class RetrainRequestHandler {

    public static final String CHAMPION = ModelReference.DEFAULT_ALIAS;
    public static final String CHALLENGER = "challenger";

    private static final Logger LOG = LoggerFactory.getLogger(RetrainRequestHandler.class);

    private final ModelRegistry registry;
    private final FeedbackReader feedback;
    private final OriginalTrainingData originalData;
    private final RetrainingConfig.Training settings;
    private final InferenceOptions inference;
    private final ProgressListener progress;

    /** @param progress told of every batch of encoding, training and evaluation; it may stop the work */
    public RetrainRequestHandler(
            ModelRegistry registry,
            FeedbackReader feedback,
            OriginalTrainingData originalData,
            RetrainingConfig.Training settings,
            InferenceOptions inference,
            ProgressListener progress) {
        this.registry = registry;
        this.feedback = feedback;
        this.originalData = originalData;
        this.settings = settings;
        this.inference = inference;
        this.progress = progress;
    }

    /**
     * @throws RetrainingRejectedException when the request cannot be served
     * @throws IOException (and other runtime exceptions) for failures that a retry may not meet again
     */
    public RetrainingOutcome handle(RetrainRequest request) throws IOException {
        String model = request.getModelName();
        String task = request.getTask();
        List<ModelVersion> versions;
        try {
            versions = registry.versions(model);
        } catch (ModelNotFoundException e) {
            throw new RetrainingRejectedException("model '" + model + "' is not in the registry");
        }
        String recordFile = VersionFiles.retrainingRecord(request.getRequestId());
        Optional<ModelVersion> handled = versions.stream()
                .filter(v -> v.manifest().files().containsKey(recordFile))
                .findFirst();
        if (handled.isPresent()) {
            return resume(request, handled.get(), versions);
        }

        ModelVersion champion = registry.resolve(ModelReference.ofName(model));
        Map<String, Integer> aliasesAtDecision =
                decisionAliases(registry.model(model).aliases());
        if (!champion.manifest().tasks().contains(task)) {
            throw new RetrainingRejectedException(champion.reference() + " has no task '" + task + "'");
        }
        Path work = Files.createTempDirectory("streamnlp-retrain-");
        try {
            Path championDir = work.resolve("champion");
            registry.download(champion.reference(), championDir);
            BundleManifest bundle = BundleManifest.read(championDir);
            if (settings.fineTuning().enabled()) {
                ChallengerBundle.taskOf(bundle, task, champion.reference().toString());
            } else {
                ChallengerBundle.headOf(bundle, task, champion.reference().toString());
            }
            List<FeedbackExample> labels = feedback.read(model, task);
            if (labels.size() < settings.minFeedback()) {
                throw new RetrainingRejectedException("only " + labels.size() + " feedback labels for " + model + "/"
                        + task + ", at least " + settings.minFeedback() + " needed (retrain.min-feedback)");
            }
            RetrainingData data =
                    RetrainingData.split(originalData.forTask(model, task), labels, settings.holdoutFraction());
            return trainEvaluateRegister(
                    request, champion, aliasesAtDecision, championDir, bundle, data, work.resolve("challenger"));
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    private RetrainingOutcome trainEvaluateRegister(
            RetrainRequest request,
            ModelVersion champion,
            Map<String, Integer> aliasesAtDecision,
            Path championDir,
            BundleManifest bundle,
            RetrainingData data,
            Path challengerDir)
            throws IOException {
        String task = request.getTask();
        try (TrainingEncoders encoders = TrainingEncoders.open(bundle.encoder(), championDir, inference, progress)) {
            SharedEncoder encoder = encoders.primary();
            Challenger challenger = settings.fineTuning().enabled()
                    ? fineTune(champion, championDir, task, data, challengerDir)
                    : trainHead(encoders, champion, championDir, task, data, challengerDir);

            HoldoutScores championScores;
            try (NlpPipeline pipeline = NlpPipeline.loadTasks(championDir, encoder, inference)) {
                championScores = evaluate(pipeline, task, data.holdoutExamples());
            }
            HoldoutScores challengerScores;
            ReferenceProfile profile;
            try (NlpPipeline pipeline = NlpPipeline.loadTasks(challengerDir, encoder, inference)) {
                challengerScores = evaluate(pipeline, task, data.holdoutExamples());
                profile = ReferenceProfiles.compute(
                        pipeline.classificationOnly(), data.feedbackTexts(), settings.seed(), progress);
            }
            boolean promote = settings.promotion().promotes(challengerScores, championScores);
            RetrainingRecord record = new RetrainingRecord(
                    request.getRequestId(),
                    champion.name(),
                    task,
                    request.getModelVersion(),
                    champion.version(),
                    champion.digest(),
                    challenger.labels(),
                    data.original().size(),
                    data.feedbackTrain().size(),
                    data.holdout().size(),
                    challengerScores,
                    championScores,
                    settings.promotion().toString(),
                    promote,
                    aliasesAtDecision);
            record.write(challengerDir);

            ModelVersion registered = registry.register(
                    champion.name(),
                    challengerDir,
                    RegistrationRequest.builder()
                            .metrics(metrics(champion, task, data, challenger, challengerScores, championScores))
                            .referenceProfile(ReferenceProfiles.toJson(profile))
                            .trainingDataFingerprint(data.fingerprint(task, champion.digest(), challenger.recipe()))
                            .parentVersion(champion.version())
                            .build());
            return apply(request, registered, record, false);
        }
    }

    /** A new head for the task on the champion's encoder (and its int8 twin, where it has one). */
    private Challenger trainHead(
            TrainingEncoders encoders,
            ModelVersion champion,
            Path championDir,
            String task,
            RetrainingData data,
            Path challengerDir)
            throws IOException {
        TrainingConfig config = TrainingConfig.classification().withSeed(settings.seed());
        TrainedClassifier trained =
                new ClassifierTraining(encoders, config, progress).train(task, data.training(), List.of());
        ChallengerBundle.write(
                championDir,
                champion.manifest(),
                challengerDir,
                task,
                trained.head(),
                encoders.primary().files().identity());
        String recipe = encoders.recipe(config);
        return new Challenger(trained.head().labels(), recipe, Map.of());
    }

    /**
     * The built-in encoder fine-tuned with a head for the task, as a task with its own encoder. A seeded
     * tenth of the training data picks the checkpoint: the held-out feedback stays unseen until the
     * comparison with the champion.
     */
    private Challenger fineTune(
            ModelVersion champion, Path championDir, String task, RetrainingData data, Path challengerDir)
            throws IOException {
        FineTuneConfig config = settings.fineTuning().config(settings.seed());
        TrainDevSplit<LabeledText> split = TrainDevSplit.of(
                data.training(),
                null,
                config.seed(),
                2,
                "retraining data of " + champion.name() + "/" + task,
                "examples");
        List<String> labels = new ArrayList<>(
                new TreeSet<>(split.train().stream().map(LabeledText::label).toList()));
        TrainingProgress progress =
                TrainingProgress.lines(line -> LOG.info("fine-tuning {}/{}: {}", champion.name(), task, line));
        FineTunedModel<ClassificationReport> model =
                new EncoderFineTuning(inference, progress).classification(split.train(), split.dev(), labels, config);
        FineTuned<ClassificationReport> training = model.training();
        LOG.info(
                "fine-tuned {}/{}: {} steps, {} examples/s, checkpoint of step {} with dev accuracy {}{}",
                champion.name(),
                task,
                training.steps(),
                String.format(Locale.ROOT, "%.1f", training.examplesPerSecond()),
                training.bestStep(),
                String.format(Locale.ROOT, "%.3f", training.devScore()),
                training.stoppedByTimeLimit() ? " (time limit)" : "");
        ChallengerBundle.writeFineTuned(championDir, champion.manifest(), challengerDir, task, model);
        return new Challenger(labels, config, training.devCurve().metrics(task));
    }

    /**
     * What the challenger's task was trained for and how: its labels, its recipe's settings (as requested, for the
     * fingerprint) and metrics of the training run (a fine-tuning's dev curve, as {@code train --fine-tune} stores).
     */
    private record Challenger(List<String> labels, Object recipe, Map<String, Double> trainingMetrics) {}

    /** Only the classification heads run: the scores concern one of them. */
    private HoldoutScores evaluate(NlpPipeline pipeline, String task, List<LabeledText> holdout) {
        return HoldoutScores.of(
                new PipelineEvaluation(pipeline.classificationOnly(), progress).classification(task, holdout));
    }

    /** The champion's metrics for the unchanged tasks; the retrained task's scores on the held-out feedback. */
    private static Map<String, Double> metrics(
            ModelVersion champion,
            String task,
            RetrainingData data,
            Challenger trained,
            HoldoutScores challenger,
            HoldoutScores championScores) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        champion.manifest().metrics().forEach((key, value) -> {
            // the retrained head's int8 quality change is unknown, so the champion's is not carried over
            if (!key.startsWith(task + ".") && !key.startsWith(Int8DeltaBound.METRIC_PREFIX + task + ".")) {
                metrics.put(key, value);
            }
        });
        metrics.put(task + ".accuracy", challenger.accuracy());
        metrics.put(task + ".macro_f1", challenger.macroF1());
        metrics.put(task + ".holdout_n", (double) challenger.n());
        metrics.put(task + ".champion_accuracy", championScores.accuracy());
        metrics.put(task + ".champion_macro_f1", championScores.macroF1());
        metrics.put(task + ".train_n", (double)
                (data.original().size() + data.feedbackTrain().size()));
        metrics.put(task + ".feedback_train_n", (double) data.feedbackTrain().size());
        metrics.putAll(trained.trainingMetrics());
        return metrics;
    }

    /** The aliases a decision moves, as they stand. */
    private static Map<String, Integer> decisionAliases(Map<String, Integer> aliases) {
        Map<String, Integer> decision = new LinkedHashMap<>();
        for (String alias : List.of(CHAMPION, CHALLENGER)) {
            if (aliases.containsKey(alias)) {
                decision.put(alias, aliases.get(alias));
            }
        }
        return decision;
    }

    /**
     * Points {@code champion} at the new version when it won, then {@code challenger}: the challenger
     * alias is set last, so that it marks a decision applied in full (see {@link RetrainingRecord#interruptedIn}).
     */
    private RetrainingOutcome apply(
            RetrainRequest request, ModelVersion registered, RetrainingRecord record, boolean resumed) {
        String model = registered.name();
        if (record.promote()) {
            registry.setAlias(model, CHAMPION, registered.version());
        }
        registry.setAlias(model, CHALLENGER, registered.version());
        String message = String.format(
                Locale.ROOT,
                "%s (%s on %d held-out labels: %s; champion %s:%d: %s; rule %s) %s%s",
                registered.reference(),
                record.task(),
                record.holdoutExamples(),
                describe(record.challenger()),
                model,
                record.parentVersion(),
                describe(record.champion()),
                record.promotionRule(),
                record.promote() ? "promoted to champion" : "kept as challenger",
                resumed ? " (decision of an earlier delivery, finished now)" : "");
        LOG.info("retrain request {}: {}", request.getRequestId(), message);
        return new RetrainingOutcome(
                request.getRequestId(),
                model,
                record.task(),
                record.promote() ? Status.PROMOTED : Status.NOT_PROMOTED,
                resumed,
                registered.version(),
                record.promote() ? registered.version() : record.parentVersion(),
                record.challenger(),
                record.champion(),
                message);
    }

    private static String describe(HoldoutScores s) {
        return String.format(Locale.ROOT, "accuracy %.3f, macro-F1 %.3f", s.accuracy(), s.macroF1());
    }

    /**
     * A request whose version exists: its decision is finished if a crash interrupted it (the version is
     * still the newest and the aliases stand where applying the decision can have stopped); otherwise it
     * is a duplicate and changes nothing, even where the aliases were moved away from its version since
     * (an operator's rollback stays rolled back).
     */
    private RetrainingOutcome resume(RetrainRequest request, ModelVersion version, List<ModelVersion> versions)
            throws IOException {
        String model = version.name();
        RetrainingRecord record;
        Path copy = Files.createTempDirectory("streamnlp-retrain-record-");
        try {
            registry.download(version.reference(), copy.resolve("version"));
            record = RetrainingRecord.read(copy.resolve("version"), request.getRequestId());
        } finally {
            FileTrees.deleteRecursively(copy);
        }
        Map<String, Integer> aliases = registry.model(model).aliases();
        boolean newest = versions.stream().allMatch(v -> v.version() <= version.version());
        if (newest && record.interruptedIn(aliases, version.version())) {
            return apply(request, version, record, true);
        }
        Integer champion = aliases.get(CHAMPION);
        String message = "request " + request.getRequestId() + " was handled before as " + version.reference()
                + " (" + (record.promote() ? "promoted" : "kept as challenger") + "); nothing trained or changed"
                + (record.promote() && champion != null && champion != version.version()
                        ? ", the champion stays " + model + ":" + champion
                        : "");
        LOG.info(message);
        return new RetrainingOutcome(
                request.getRequestId(),
                model,
                record.task(),
                Status.DUPLICATE,
                false,
                version.version(),
                champion,
                record.challenger(),
                record.champion(),
                message);
    }
}
