package io.streamnlp.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Hugging Face Optimum ONNX export (what {@code registry import-hf} stores) read as a bundle of
 * one {@code "kind": "hf"} task at the export's root, on the builtin encoder, whose embeddings feed
 * drift statistics as they do for every bundle. Serving, evaluation, drift checks and retraining
 * then load it through the one bundle path.
 *
 * <p>Which task the export serves follows from its files: encoder and decoder graphs make it a
 * seq2seq summarizer; otherwise config.json's {@code *ForTokenClassification} or
 * {@code *ForSequenceClassification} architecture decides, and without one, IOB2 labels
 * ({@code O}, {@code B-X}, {@code I-X}) make it a NER model and anything else a sequence classifier. The task name is the one the version was registered for (its
 * {@code manifest.json}), which must agree: {@value #NER} and {@value #SUMMARIZATION} name those
 * kinds, any other name a classification task.
 */
public final class HfExportBundle {

    public static final String CONFIG = "config.json";
    public static final String MODEL = "model.onnx";
    public static final String ENCODER_MODEL = "encoder_model.onnx";
    public static final String DECODER_MODEL = "decoder_model.onnx";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String NER = "ner";
    public static final String SUMMARIZATION = "summarization";
    /** The task name of a sequence classifier read without a registry manifest. */
    public static final String CLASSIFICATION = "classification";

    /** What an export's files say it is. */
    public enum Kind {
        SEQUENCE_CLASSIFICATION,
        TOKEN_CLASSIFICATION,
        SEQ2SEQ
    }

    private static final String ROOT = ".";

    private HfExportBundle() {}

    /** Whether {@code dir} is laid out as an Optimum export: config.json and a single or an encoder-decoder graph. */
    public static boolean isExport(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG)) && (Files.isRegularFile(dir.resolve(MODEL)) || isSeq2Seq(dir));
    }

    /**
     * The kind of model an export holds.
     *
     * @throws InvalidBundleException if its config.json is unreadable
     */
    public static Kind kind(Path dir) {
        if (isSeq2Seq(dir) && !Files.isRegularFile(dir.resolve(MODEL))) {
            return Kind.SEQ2SEQ;
        }
        for (JsonNode architecture : readConfig(dir).path("architectures")) {
            if (architecture.asText().endsWith("ForTokenClassification")) {
                return Kind.TOKEN_CLASSIFICATION;
            }
            if (architecture.asText().endsWith("ForSequenceClassification")) {
                return Kind.SEQUENCE_CLASSIFICATION;
            }
        }
        // exports without architectures: IOB2 tags are a token classifier's labels
        List<String> labels = labels(dir).orElse(List.of());
        boolean iob2 = labels.contains("O")
                && labels.stream()
                        .allMatch(label ->
                                BundleManifest.IOB2_LABEL.matcher(label).matches());
        return iob2 ? Kind.TOKEN_CLASSIFICATION : Kind.SEQUENCE_CLASSIFICATION;
    }

    /** The labels of the export's config.json id2label, ordered by id; empty when it has none. */
    public static Optional<List<String>> labels(Path dir) {
        JsonNode id2label = readConfig(dir).path("id2label");
        if (!id2label.isObject() || id2label.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Integer, String> byId = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        id2label.fields().forEachRemaining(entry -> {
            try {
                byId.put(Integer.parseInt(entry.getKey()), entry.getValue().asText());
            } catch (NumberFormatException e) {
                problems.add("id2label key '" + entry.getKey() + "' is not an integer");
            }
        });
        if (problems.isEmpty() && (byId.firstKey() != 0 || byId.lastKey() != byId.size() - 1)) {
            problems.add("id2label ids are not 0.." + (byId.size() - 1));
        }
        if (!problems.isEmpty()) {
            throw new InvalidBundleException(dir.resolve(CONFIG).toString(), problems);
        }
        return Optional.of(List.copyOf(byId.values()));
    }

    /**
     * The bundle an export directory is, serving the task its registry manifest names (or, outside a
     * registry, the one its files call for).
     *
     * @throws InvalidBundleException if the registered task does not fit the export's kind
     */
    public static BundleManifest manifest(Path dir) {
        return manifest(dir, registeredTask(dir).orElse(null));
    }

    /**
     * The bundle an export directory is when it serves {@code task}.
     *
     * @param task the task name, or null for the default name of the export's kind
     * @throws InvalidBundleException if the task does not fit the export's kind
     */
    public static BundleManifest manifest(Path dir, String task) {
        Kind kind = kind(dir);
        Kind expected = task == null
                ? kind
                : switch (task) {
                    case NER -> Kind.TOKEN_CLASSIFICATION;
                    case SUMMARIZATION -> Kind.SEQ2SEQ;
                    default -> Kind.SEQUENCE_CLASSIFICATION;
                };
        if (expected != kind) {
            throw new InvalidBundleException(
                    dir.toString(),
                    List.of("task '" + task + "' needs a " + describe(expected) + " export, but this is a "
                            + describe(kind) + " export"));
        }
        EncoderSpec encoder = EncoderSpec.builtinMiniLm(EncoderSpec.DEFAULT_MAX_LENGTH);
        BundleManifest manifest = switch (kind) {
            case SEQUENCE_CLASSIFICATION ->
                new BundleManifest(
                        encoder,
                        List.of(new ClassificationSpec(
                                task == null ? CLASSIFICATION : task, TaskKind.HF, ROOT, null, null, null)),
                        null,
                        null);
            case TOKEN_CLASSIFICATION -> new BundleManifest(encoder, List.of(), NerSpec.hf(ROOT, null, null), null);
            case SEQ2SEQ ->
                new BundleManifest(
                        encoder,
                        List.of(),
                        null,
                        new SummarizationSpec(TaskKind.HF, ROOT, null, null, null, null, null, null));
        };
        manifest.validate(dir.toString());
        return manifest;
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case SEQUENCE_CLASSIFICATION -> "sequence-classification";
            case TOKEN_CLASSIFICATION -> "token-classification";
            case SEQ2SEQ -> "seq2seq";
        };
    }

    /** The one task a registry version was registered for, if the directory is one. */
    private static Optional<String> registeredTask(Path dir) {
        Path manifest = dir.resolve(VersionFiles.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        List<String> tasks = new ArrayList<>();
        readJson(manifest).path("tasks").forEach(task -> tasks.add(task.asText()));
        if (tasks.size() > 1) {
            throw new InvalidBundleException(
                    manifest.toString(), List.of("a Hugging Face export serves one task, this version names " + tasks));
        }
        return tasks.stream().findFirst();
    }

    private static boolean isSeq2Seq(Path dir) {
        return Files.isRegularFile(dir.resolve(ENCODER_MODEL)) && Files.isRegularFile(dir.resolve(DECODER_MODEL));
    }

    private static JsonNode readConfig(Path dir) {
        return readJson(dir.resolve(CONFIG));
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode node = BundleManifest.MAPPER.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new InvalidBundleException(file.toString(), List.of("not a JSON object"));
            }
            return node;
        } catch (IOException e) {
            throw new InvalidBundleException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
