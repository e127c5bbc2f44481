package io.streamnlp.registry;

import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.HfExportBundle;
import io.streamnlp.bundle.InvalidBundleException;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.TaskKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads what a model directory is: a StreamNLP bundle ({@code bundle.json}, read and checked by
 * {@link BundleManifest}, the bundle module's one reader) or a Hugging Face Optimum ONNX export.
 * Structural checks only, so that a store never needs ONNX Runtime to accept a version;
 * whether the graphs load is the {@link ModelLoadCheck}'s business.
 */
public final class ArtifactInspector {

    public static final String BUNDLE_FILE = BundleManifest.FILE_NAME;
    public static final String NER_TASK = "ner";
    public static final String SUMMARIZATION_TASK = "summarization";

    private ArtifactInspector() {}

    public static ArtifactDescription inspect(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidModelException("not a directory: " + dir);
        }
        if (Files.isRegularFile(dir.resolve(BUNDLE_FILE))) {
            return inspectBundle(dir);
        }
        if (Files.isRegularFile(dir.resolve(HfExportBundle.CONFIG))) {
            return inspectHuggingFace(dir);
        }
        throw new InvalidModelException(dir + " holds neither " + BUNDLE_FILE
                + " (StreamNLP bundle) nor config.json (Hugging Face ONNX export)");
    }

    public static ArtifactDescription inspect(Path dir, ModelFormat expected) {
        ArtifactDescription description = expected == ModelFormat.HF_ONNX ? inspectHuggingFace(dir) : inspect(dir);
        if (description.format() != expected) {
            throw new InvalidModelException(dir + " is a " + description.format() + ", not a " + expected);
        }
        return description;
    }

    static ArtifactDescription inspectBundle(Path dir) {
        BundleManifest bundle = bundleFormat(() -> {
            BundleManifest read = BundleManifest.read(dir.resolve(BundleManifest.FILE_NAME));
            read.requireFiles(dir);
            return read;
        });
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (ClassificationSpec c : bundle.classification()) {
            labels.put(
                    RegistrationRequest.requireTaskName(c.task()),
                    labelsOf(dir, c.task(), c.kind(), c.path(), c.labels()));
        }
        NerSpec ner = bundle.ner();
        if (ner != null) {
            labels.put(NER_TASK, labelsOf(dir, NER_TASK, ner.kind(), ner.path(), ner.labels()));
        }
        List<String> tasks = new ArrayList<>(labels.keySet());
        if (bundle.summarization() != null) {
            tasks.add(SUMMARIZATION_TASK);
        }
        if (tasks.isEmpty()) {
            throw new InvalidModelException(BUNDLE_FILE + " declares no task");
        }
        EncoderSpec encoder = bundle.encoder();
        return new ArtifactDescription(
                ModelFormat.SHARED_ENCODER_BUNDLE,
                tasks,
                labels,
                encoder.builtin() != null ? "builtin:" + encoder.builtin() : encoder.path());
    }

    /** A head's labels are in bundle.json; a Hugging Face task's may instead come from its config.json. */
    private static List<String> labelsOf(Path dir, String task, String kind, String path, List<String> declared) {
        if (!declared.isEmpty() || !TaskKind.HF.equals(kind)) {
            return declared;
        }
        return bundleFormat(() -> HfExportBundle.labels(BundleManifest.resolve(dir, path)))
                .orElseThrow(() -> new InvalidModelException(
                        BUNDLE_FILE + ": task '" + task + "' has no labels and its config.json no id2label"));
    }

    private static <T> T bundleFormat(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidBundleException e) {
            throw new InvalidModelException(e.getMessage(), e);
        }
    }

    static ArtifactDescription inspectHuggingFace(Path dir) {
        List<String> missing = new ArrayList<>();
        boolean singleGraph = Files.isRegularFile(dir.resolve(HfExportBundle.MODEL));
        boolean seq2seq = Files.isRegularFile(dir.resolve(HfExportBundle.ENCODER_MODEL))
                && Files.isRegularFile(dir.resolve(HfExportBundle.DECODER_MODEL));
        if (!singleGraph && !seq2seq) {
            missing.add(HfExportBundle.MODEL + " (or " + HfExportBundle.ENCODER_MODEL + " + "
                    + HfExportBundle.DECODER_MODEL + ")");
        }
        for (String required : List.of(HfExportBundle.TOKENIZER, HfExportBundle.CONFIG)) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidModelException(
                    dir + " is not a Hugging Face Optimum ONNX export: missing " + String.join(", ", missing));
        }
        Map<String, List<String>> labels = new LinkedHashMap<>();
        if (!seq2seq || singleGraph) {
            bundleFormat(() -> HfExportBundle.labels(dir))
                    .ifPresent(list -> labels.put(ArtifactDescription.MODEL_LABELS, list));
        }
        return new ArtifactDescription(ModelFormat.HF_ONNX, List.of(), labels, null);
    }

    /**
     * Checks that a Hugging Face export can serve the tasks a registration names: one task, of the
     * kind its files hold ({@code ner} a token classifier, {@code summarization} a seq2seq model, any
     * other name a sequence classifier), so that it loads as the bundle {@link HfExportBundle} reads.
     */
    public static void requireServes(Path dir, List<String> tasks) {
        if (tasks.size() != 1) {
            throw new InvalidModelException("a Hugging Face ONNX export serves one task, got " + tasks);
        }
        bundleFormat(() -> HfExportBundle.manifest(dir, tasks.get(0)));
    }
}
