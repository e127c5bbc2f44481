package io.streamnlp.inference.pipeline;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderIdentity;
import io.streamnlp.bundle.InvalidBundleException;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.bundle.TaskKind;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.heads.ClassificationHead;
import io.streamnlp.inference.heads.NerHead;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.summary.ExtractiveSummarizer;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.ClassificationTask;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.inference.task.EntityTask;
import io.streamnlp.inference.task.HfTaskFactory;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.inference.task.SummaryTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A loaded model bundle: one shared encoder pass per batch feeds every task. Thread-safe; the
 * number of batches that run at once is bounded by {@link InferenceOptions#predictors()}.
 */
public final class NlpPipeline implements AutoCloseable {

    private final SharedEncoder encoder;
    private final boolean ownsEncoder;
    private final boolean ownsTasks;
    private final List<ClassificationTask> classifiers;
    private final EntityTask entities;
    private final SummaryTask summarizer;

    private NlpPipeline(
            SharedEncoder encoder,
            boolean ownsEncoder,
            boolean ownsTasks,
            List<ClassificationTask> classifiers,
            EntityTask entities,
            SummaryTask summarizer) {
        this.encoder = encoder;
        this.ownsEncoder = ownsEncoder;
        this.ownsTasks = ownsTasks;
        this.classifiers = List.copyOf(classifiers);
        this.entities = entities;
        this.summarizer = summarizer;
    }

    /**
     * Loads a bundle directory.
     *
     * @throws InvalidBundleException if bundle.json or the files it names are missing or malformed
     * @throws io.streamnlp.inference.runtime.InferenceException if a model cannot be loaded
     */
    public static NlpPipeline load(Path bundleDir, InferenceOptions options) {
        BundleManifest manifest = BundleManifest.read(bundleDir);
        manifest.requireFiles(bundleDir);
        SharedEncoder encoder = SharedEncoder.load(
                EncoderFiles.of(manifest.encoder(), bundleDir, options.modelCacheDir(), options.precision()), options);
        try {
            return withEncoder(manifest, bundleDir, encoder, true, options);
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /**
     * Loads a bundle's tasks on an encoder that the caller already holds (and keeps ownership of),
     * e.g. to swap heads without reloading the encoder. The encoder must be the one the bundle names.
     */
    public static NlpPipeline loadTasks(Path bundleDir, SharedEncoder encoder, InferenceOptions options) {
        BundleManifest manifest = BundleManifest.read(bundleDir);
        manifest.requireFiles(bundleDir);
        return withEncoder(manifest, bundleDir, encoder, false, options);
    }

    /** A pipeline from parts; it closes the tasks but not the encoder. */
    public static NlpPipeline of(
            SharedEncoder encoder, List<ClassificationTask> classifiers, EntityTask entities, SummaryTask summarizer) {
        return new NlpPipeline(encoder, false, true, classifiers, entities, summarizer);
    }

    /**
     * A view of this pipeline that runs only its classification tasks, on the same encoder and task
     * instances; closing the view closes nothing. Used to measure what the other tasks cost.
     */
    public NlpPipeline classificationOnly() {
        return new NlpPipeline(encoder, false, false, classifiers, null, null);
    }

    private static NlpPipeline withEncoder(
            BundleManifest manifest,
            Path bundleDir,
            SharedEncoder encoder,
            boolean ownsEncoder,
            InferenceOptions options) {
        requireHeadsFit(manifest, bundleDir, encoder);
        List<AutoCloseable> loaded = new ArrayList<>();
        try {
            List<ClassificationTask> classifiers = new ArrayList<>();
            for (ClassificationSpec spec : manifest.classification()) {
                ClassificationTask task = TaskKind.HF.equals(spec.kind())
                        ? hf().classification(spec, BundleManifest.resolve(bundleDir, spec.path()), options)
                        : ClassificationHead.load(
                                spec, bundleDir, encoder.embeddingWidth(), ClassificationHead.DEFAULT_TOP_K, options);
                loaded.add(task);
                classifiers.add(task);
            }
            EntityTask entities = null;
            NerSpec ner = manifest.ner();
            if (ner != null) {
                entities = TaskKind.HF.equals(ner.kind())
                        ? hf().entities(ner, BundleManifest.resolve(bundleDir, ner.path()), options)
                        : NerHead.load(ner, bundleDir, encoder.dim(), options);
                loaded.add(entities);
            }
            SummaryTask summarizer = null;
            SummarizationSpec summarization = manifest.summarization();
            if (summarization != null) {
                summarizer = TaskKind.HF.equals(summarization.kind())
                        ? hf().summarization(
                                        summarization, BundleManifest.resolve(bundleDir, summarization.path()), options)
                        : ExtractiveSummarizer.of(summarization, encoder::encode);
                loaded.add(summarizer);
            }
            return new NlpPipeline(encoder, ownsEncoder, true, classifiers, entities, summarizer);
        } catch (RuntimeException e) {
            for (AutoCloseable c : loaded) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    /**
     * Refuses heads trained on another encoder (or pooling) than the one they would read: their
     * weights mean nothing on its features, though the widths may agree and the head would run.
     */
    private static void requireHeadsFit(BundleManifest manifest, Path bundleDir, SharedEncoder encoder) {
        Map<String, EncoderIdentity> trainedOn = new LinkedHashMap<>();
        for (ClassificationSpec spec : manifest.classification()) {
            if (TaskKind.HEAD.equals(spec.kind()) && spec.trainedOn() != null) {
                trainedOn.put("classification task '" + spec.task() + "'", spec.trainedOn());
            }
        }
        NerSpec ner = manifest.ner();
        if (ner != null && TaskKind.HEAD.equals(ner.kind()) && ner.trainedOn() != null) {
            trainedOn.put("ner", ner.trainedOn());
        }
        if (trainedOn.isEmpty()) {
            return;
        }
        EncoderIdentity served = encoder.files().identity();
        List<String> problems = new ArrayList<>();
        trainedOn.forEach((task, identity) -> {
            if (!identity.accepts(served)) {
                problems.add(task + ": its head was trained on encoder " + identity + ", but this bundle's encoder is "
                        + served + "; train the head on this encoder (streamnlp train --encoder)");
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidBundleException(bundleDir.toString(), problems);
        }
    }

    private static HfTaskFactory hf() {
        Optional<HfTaskFactory> factory =
                ServiceLoader.load(HfTaskFactory.class).findFirst();
        return factory.orElseThrow(() -> new InvalidBundleException(
                "bundle",
                List.of("entries of kind 'hf' need an " + HfTaskFactory.class.getName()
                        + " implementation on the class path, and there is none")));
    }

    /**
     * Runs every task on a batch, with one encoder pass. Never fails on the content of a text:
     * blank, huge, malformed (lone surrogates, control characters) or non-Latin texts all get a
     * result (see {@link SharedEncoder#encode}).
     *
     * @return one result per text, in input order
     */
    public List<NlpResult> predict(List<String> texts) {
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokenized.add(encoder.tokenize(text));
        }
        return predictTokenized(tokenized);
    }

    /**
     * {@link #predict} on texts this pipeline {@link #tokenize tokenized} already, e.g. when a batcher needed
     * their token counts: each text is tokenized once.
     */
    public List<NlpResult> predictTokenized(List<TokenizedText> texts) {
        EncodedBatch batch = encoder.encodeTokenized(texts);
        List<List<Classification>> byTask = new ArrayList<>(classifiers.size());
        for (ClassificationTask c : classifiers) {
            byTask.add(c.classify(batch));
        }
        List<List<Entity>> found = entities == null ? null : entities.extract(batch);
        List<Summary> summaries = summarizer == null ? null : summarizer.summarize(batch);
        List<NlpResult> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            List<Classification> classifications = new ArrayList<>(classifiers.size());
            for (List<Classification> task : byTask) {
                classifications.add(task.get(i));
            }
            EncodedText t = batch.get(i);
            out.add(new NlpResult(
                    classifications,
                    found == null ? List.of() : found.get(i),
                    summaries == null ? null : summaries.get(i),
                    t.embedding(),
                    t.tokenCount(),
                    t.unknownTokens(),
                    t.truncated()));
        }
        return out;
    }

    /**
     * Tokenizes a text for {@link #predictTokenized}; its token count is what a
     * {@link io.streamnlp.inference.batch.TokenBudgetBatcher} budgets by.
     */
    public TokenizedText tokenize(String text) {
        return encoder.tokenize(text);
    }

    public SharedEncoder encoder() {
        return encoder;
    }

    public List<ClassificationTask> classifiers() {
        return classifiers;
    }

    public Optional<EntityTask> entities() {
        return Optional.ofNullable(entities);
    }

    public Optional<SummaryTask> summarizer() {
        return Optional.ofNullable(summarizer);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        List<AutoCloseable> parts = new ArrayList<>();
        if (ownsTasks) {
            parts.addAll(classifiers);
            if (entities != null) {
                parts.add(entities);
            }
            if (summarizer != null) {
                parts.add(summarizer);
            }
        }
        if (ownsEncoder) {
            parts.add(encoder);
        }
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the pipeline failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException primary) {
        try {
            c.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
