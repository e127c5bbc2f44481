package io.streamnlp.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what a model directory is: a StreamNLP bundle ({@code bundle.json}, the format that
 * {@code io.streamnlp.bundle.BundleManifest} reads) or a Hugging Face Optimum ONNX
 * export. Structural checks only, so that a store never needs ONNX Runtime to accept a version;
 * whether the graphs load is the {@link ModelLoadCheck}'s business.
 */
public final class ArtifactInspector {

    public static final String BUNDLE_FILE = "bundle.json";
    public static final String BUNDLE_FORMAT_PREFIX = "streamnlp-bundle/";
    public static final String NER_TASK = "ner";
    public static final String SUMMARIZATION_TASK = "summarization";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArtifactInspector() {}

    public static ArtifactDescription inspect(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidModelException("not a directory: " + dir);
        }
        if (Files.isRegularFile(dir.resolve(BUNDLE_FILE))) {
            return inspectBundle(dir);
        }
        if (Files.isRegularFile(dir.resolve("config.json"))) {
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
        JsonNode bundle = readJson(dir.resolve(BUNDLE_FILE));
        String format = bundle.path("format").asText("");
        if (!format.startsWith(BUNDLE_FORMAT_PREFIX)) {
            throw new InvalidModelException(BUNDLE_FILE + ": unsupported format '" + ModelNames.printable(format)
                    + "', expected " + BUNDLE_FORMAT_PREFIX + "1");
        }
        Set<String> tasks = new LinkedHashSet<>();
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (JsonNode head : bundle.path("classification")) {
            String task = RegistrationRequest.requireTaskName(head.path("task").asText(null));
            if (!tasks.add(task)) {
                throw new InvalidModelException(BUNDLE_FILE + ": task '" + task + "' declared twice");
            }
            labels.put(task, headLabels(dir, head, task));
        }
        JsonNode ner = bundle.path("ner");
        if (ner.isObject()) {
            tasks.add(NER_TASK);
            labels.put(NER_TASK, headLabels(dir, ner, NER_TASK));
        }
        if (bundle.path("summarization").isObject()) {
            tasks.add(SUMMARIZATION_TASK);
            JsonNode path = bundle.path("summarization").path("path");
            if (path.isTextual()) {
                requireExisting(dir, path.asText(), SUMMARIZATION_TASK);
            }
        }
        if (tasks.isEmpty()) {
            throw new InvalidModelException(BUNDLE_FILE + " declares no task");
        }
        return new ArtifactDescription(ModelFormat.SHARED_ENCODER_BUNDLE, List.copyOf(tasks), labels, encoderOf(dir, bundle.path("encoder")));
    }

    private static List<String> headLabels(Path dir, JsonNode head, String task) {
        String path = head.path("path").asText(null);
        if (path == null) {
            throw new InvalidModelException(BUNDLE_FILE + ": task '" + task + "' has no path");
        }
        Path target = requireExisting(dir, path, task);
        if (head.path("labels").isArray()) {
            List<String> labels = new ArrayList<>();
            head.path("labels").forEach(label -> labels.add(label.asText()));
            if (labels.isEmpty()) {
                throw new InvalidModelException(BUNDLE_FILE + ": task '" + task + "' has an empty label list");
            }
            return List.copyOf(labels);
        }
        if ("hf".equals(head.path("kind").asText()) && Files.isDirectory(target)) {
            return id2label(target.resolve("config.json")).orElseThrow(() -> new InvalidModelException(
                    BUNDLE_FILE + ": task '" + task + "' has no labels and its config.json no id2label"));
        }
        throw new InvalidModelException(BUNDLE_FILE + ": task '" + task + "' has no labels");
    }

    private static String encoderOf(Path dir, JsonNode encoder) {
        if (encoder.hasNonNull("builtin")) {
            return "builtin:" + encoder.get("builtin").asText();
        }
        if (encoder.hasNonNull("path")) {
            String path = encoder.get("path").asText();
            requireExisting(dir, path, "encoder");
            if (encoder.hasNonNull("tokenizer")) {
                requireExisting(dir, encoder.get("tokenizer").asText(), "encoder tokenizer");
            }
            return path;
        }
        return null;
    }

    private static Path requireExisting(Path dir, String relative, String what) {
        Path target = ArtifactPaths.resolveInside(dir, relative);
        if (!Files.exists(target)) {
            throw new InvalidModelException(BUNDLE_FILE + ": " + what + " refers to missing '" + relative + "'");
        }
        return target;
    }

    static ArtifactDescription inspectHuggingFace(Path dir) {
        List<String> missing = new ArrayList<>();
        boolean singleGraph = Files.isRegularFile(dir.resolve("model.onnx"));
        boolean seq2seq = Files.isRegularFile(dir.resolve("encoder_model.onnx"))
                && Files.isRegularFile(dir.resolve("decoder_model.onnx"));
        if (!singleGraph && !seq2seq) {
            missing.add("model.onnx (or encoder_model.onnx + decoder_model.onnx)");
        }
        for (String required : List.of("tokenizer.json", "config.json")) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidModelException(dir + " is not a Hugging Face Optimum ONNX export: missing "
                    + String.join(", ", missing));
        }
        Map<String, List<String>> labels = new LinkedHashMap<>();
        if (!seq2seq || singleGraph) {
            id2label(dir.resolve("config.json")).ifPresent(list -> labels.put(ArtifactDescription.MODEL_LABELS, list));
        }
        return new ArtifactDescription(ModelFormat.HF_ONNX, List.of(), labels, null);
    }

    /** The labels of a Hugging Face config.json, ordered by id; empty when it has no id2label. */
    static Optional<List<String>> id2label(Path config) {
        JsonNode id2label = readJson(config).path("id2label");
        if (!id2label.isObject() || id2label.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Integer, String> byId = new TreeMap<>();
        id2label.fields().forEachRemaining(entry -> {
            try {
                byId.put(Integer.parseInt(entry.getKey()), entry.getValue().asText());
            } catch (NumberFormatException e) {
                throw new InvalidModelException(config + ": id2label key '" + ModelNames.printable(entry.getKey())
                        + "' is not an integer");
            }
        });
        if (byId.firstKey() != 0 || byId.lastKey() != byId.size() - 1) {
            throw new InvalidModelException(config + ": id2label ids are not 0.." + (byId.size() - 1));
        }
        return Optional.of(List.copyOf(byId.values()));
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new InvalidModelException(file + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidModelException("unreadable " + file + ": " + e.getMessage(), e);
        }
    }
}
