package io.streamnlp.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code bundle.json} of a model bundle: which encoder runs and which task heads read its
 * output. Any task section may be absent (task disabled). See docs/inference.md for the format.
 *
 * @param format always {@value #FORMAT}
 * @param encoder the shared encoder
 * @param classification classification tasks, possibly empty
 * @param ner the NER task, or null
 * @param summarization the summarization task, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(
        @JsonProperty("format") String format,
        @JsonProperty("encoder") EncoderSpec encoder,
        @JsonProperty("classification") List<ClassificationSpec> classification,
        @JsonProperty("ner") NerSpec ner,
        @JsonProperty("summarization") SummarizationSpec summarization) {

    public static final String FORMAT = "streamnlp-bundle/1";
    public static final String FILE_NAME = "bundle.json";

    private static final Pattern TASK_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    static final Pattern IOB2_LABEL = Pattern.compile("O|[BI]-[A-Za-z0-9_]+");
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public BundleManifest {
        classification = classification == null ? List.of() : List.copyOf(classification);
    }

    public BundleManifest(
            EncoderSpec encoder,
            List<ClassificationSpec> classification,
            NerSpec ner,
            SummarizationSpec summarization) {
        this(FORMAT, encoder, classification, ner, summarization);
    }

    /**
     * Reads and validates a manifest. A directory without bundle.json that holds a Hugging Face
     * Optimum export (a registered {@code hf-onnx} version) reads as the one-task bundle
     * {@link HfExportBundle} describes.
     *
     * @param path the bundle directory or its bundle.json
     * @throws InvalidBundleException if the file is missing, not JSON, or breaks the format
     */
    public static BundleManifest read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.exists(file) && Files.isDirectory(path) && HfExportBundle.isExport(path)) {
            return HfExportBundle.manifest(path);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidBundleException(file.toString(), List.of("no " + FILE_NAME + " found"));
        }
        BundleManifest manifest;
        try {
            manifest = MAPPER.readValue(file.toFile(), BundleManifest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidBundleException(file + ": not a valid bundle manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidBundleException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new InvalidBundleException(file.toString(), List.of("empty file"));
        }
        manifest.validate(file.toString());
        return manifest;
    }

    /**
     * Validates and writes this manifest atomically.
     *
     * @param path the bundle directory (created if absent) or the bundle.json to write
     * @return the file written
     */
    public Path write(Path path) throws IOException {
        validate(FILE_NAME);
        Path file = Files.isDirectory(path) || !path.getFileName().toString().endsWith(".json")
                ? path.resolve(FILE_NAME)
                : path;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".bundle", ".json.tmp");
        try {
            MAPPER.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** This manifest as JSON text. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise bundle manifest", e);
        }
    }

    /**
     * Resolves a path from the manifest against the bundle directory, refusing paths that leave it.
     *
     * @throws InvalidBundleException if the path is absolute or escapes the bundle
     */
    public static Path resolve(Path bundleDir, String relative) {
        Path base = bundleDir.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !resolved.startsWith(base)) {
            throw new InvalidBundleException(
                    bundleDir.toString(), List.of("path '" + relative + "' leaves the bundle"));
        }
        return resolved;
    }

    /**
     * Checks that the files this manifest names exist in {@code bundleDir}.
     *
     * @throws InvalidBundleException listing every missing file
     */
    public void requireFiles(Path bundleDir) {
        List<String> problems = new ArrayList<>();
        if (encoder.builtin() == null) {
            requireFile(bundleDir, "encoder.path", encoder.path(), false, problems);
            requireFile(bundleDir, "encoder.tokenizer", encoder.tokenizer(), false, problems);
        }
        for (int i = 0; i < classification.size(); i++) {
            ClassificationSpec c = classification.get(i);
            requireFile(bundleDir, "classification[" + i + "].path", c.path(), TaskKind.HF.equals(c.kind()), problems);
        }
        if (ner != null) {
            requireFile(bundleDir, "ner.path", ner.path(), TaskKind.HF.equals(ner.kind()), problems);
        }
        if (summarization != null && TaskKind.HF.equals(summarization.kind())) {
            requireFile(bundleDir, "summarization.path", summarization.path(), true, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidBundleException(bundleDir.toString(), problems);
        }
    }

    private static void requireFile(Path dir, String field, String relative, boolean directory, List<String> problems) {
        Path p;
        try {
            p = resolve(dir, relative);
        } catch (InvalidBundleException e) {
            problems.add(field + ": " + e.problems().get(0));
            return;
        }
        if (directory ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
            problems.add(field + ": " + (directory ? "directory" : "file") + " '" + relative + "' not found");
        }
    }

    /**
     * Checks the manifest's own consistency (not the files).
     *
     * @throws InvalidBundleException listing every problem
     */
    public void validate(String source) {
        List<String> problems = new ArrayList<>();
        if (!FORMAT.equals(format)) {
            problems.add("format: expected '" + FORMAT + "', got '" + format + "'");
        }
        validateEncoder(problems);
        Set<String> tasks = new HashSet<>();
        for (int i = 0; i < classification.size(); i++) {
            validateClassification("classification[" + i + "]", classification.get(i), tasks, problems);
        }
        if (ner != null) {
            validateNer(problems);
        }
        if (summarization != null) {
            validateSummarization(problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidBundleException(source, problems);
        }
    }

    private void validateEncoder(List<String> problems) {
        if (encoder == null) {
            problems.add("encoder: missing");
            return;
        }
        if (encoder.builtin() != null) {
            if (BuiltinEncoder.byId(encoder.builtin()).isEmpty()) {
                problems.add("encoder.builtin: unknown encoder '" + encoder.builtin() + "' (known: "
                        + BuiltinEncoder.knownIds() + ")");
            }
            if (encoder.path() != null || encoder.tokenizer() != null) {
                problems.add("encoder: give either 'builtin' or 'path' and 'tokenizer', not both");
            }
        } else if (isBlank(encoder.path()) || isBlank(encoder.tokenizer())) {
            problems.add("encoder: needs 'builtin', or both 'path' and 'tokenizer'");
        }
        if (encoder.maxLength() < 8 || encoder.maxLength() > 512) {
            problems.add("encoder.max_length: must be in [8, 512], got " + encoder.maxLength());
        }
    }

    private static void validateClassification(
            String at, ClassificationSpec c, Set<String> tasks, List<String> problems) {
        if (c == null) {
            problems.add(at + ": null entry");
            return;
        }
        if (c.task() == null || !TASK_NAME.matcher(c.task()).matches()) {
            problems.add(at + ".task: must match " + TASK_NAME.pattern() + ", got '" + c.task() + "'");
        } else if (!tasks.add(c.task())) {
            problems.add(at + ".task: duplicate task '" + c.task() + "'");
        }
        validateKind(at, c.kind(), TaskKind.HEAD, problems);
        if (isBlank(c.path())) {
            problems.add(at + ".path: missing");
        }
        if (TaskKind.HEAD.equals(c.kind()) || !c.labels().isEmpty()) {
            validateLabels(at, c.labels(), problems);
        }
    }

    private void validateNer(List<String> problems) {
        validateKind("ner", ner.kind(), TaskKind.HEAD, problems);
        if (isBlank(ner.path())) {
            problems.add("ner.path: missing");
        }
        if (TaskKind.HEAD.equals(ner.kind()) || !ner.labels().isEmpty()) {
            validateLabels("ner", ner.labels(), problems);
            for (String label : ner.labels()) {
                if (label == null || !IOB2_LABEL.matcher(label).matches()) {
                    problems.add("ner.labels: '" + label + "' is not an IOB2 label (O, B-TYPE, I-TYPE)");
                }
            }
            if (!ner.labels().contains("O")) {
                problems.add("ner.labels: must contain 'O'");
            }
        }
        if (ner.contextWindow() < 0 || ner.contextWindow() > NerSpec.MAX_CONTEXT_WINDOW) {
            problems.add("ner.context_window: must be in [0, " + NerSpec.MAX_CONTEXT_WINDOW + "], got "
                    + ner.contextWindow());
        }
    }

    private void validateSummarization(List<String> problems) {
        SummarizationSpec s = summarization;
        if (SummarizationSpec.EXTRACTIVE.equals(s.kind())) {
            if (s.maxSentences() < 1) {
                problems.add("summarization.max_sentences: must be >= 1, got " + s.maxSentences());
            }
            if (s.maxChars() < 1) {
                problems.add("summarization.max_chars: must be >= 1, got " + s.maxChars());
            }
            if (!(s.mmrLambda() >= 0 && s.mmrLambda() <= 1)) {
                problems.add("summarization.mmr_lambda: must be in [0, 1], got " + s.mmrLambda());
            }
            if (!(s.lengthRatio() > 0 && s.lengthRatio() <= 1)) {
                problems.add("summarization.length_ratio: must be in (0, 1], got " + s.lengthRatio());
            }
            if (s.minChars() < 1 || s.minChars() > s.maxChars()) {
                problems.add("summarization.min_chars: must be in [1, max_chars], got " + s.minChars());
            }
            if (!SummarizationSpec.CENTROID.equals(s.centrality())
                    && !SummarizationSpec.TEXTRANK.equals(s.centrality())) {
                problems.add("summarization.centrality: must be '" + SummarizationSpec.CENTROID + "' or '"
                        + SummarizationSpec.TEXTRANK + "', got '" + s.centrality() + "'");
            }
            if (!(s.positionWeight() >= 0 && s.positionWeight() <= 1)) {
                problems.add("summarization.position_weight: must be in [0, 1], got " + s.positionWeight());
            }
            if (s.maxDocumentTokens() < 1) {
                problems.add("summarization.max_document_tokens: must be >= 1, got " + s.maxDocumentTokens());
            }
        } else if (TaskKind.HF.equals(s.kind())) {
            if (isBlank(s.path())) {
                problems.add("summarization.path: missing");
            }
        } else {
            problems.add("summarization.kind: must be '" + SummarizationSpec.EXTRACTIVE + "' or '" + TaskKind.HF
                    + "', got '" + s.kind() + "'");
        }
    }

    private static void validateKind(String at, String kind, String encoderKind, List<String> problems) {
        if (!encoderKind.equals(kind) && !TaskKind.HF.equals(kind)) {
            problems.add(at + ".kind: must be '" + encoderKind + "' or '" + TaskKind.HF + "', got '" + kind + "'");
        }
    }

    private static void validateLabels(String at, List<String> labels, List<String> problems) {
        if (labels.size() < 2) {
            problems.add(at + ".labels: needs at least 2 labels, got " + labels.size());
        }
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            if (isBlank(label)) {
                problems.add(at + ".labels: blank label");
            } else if (!seen.add(label)) {
                problems.add(at + ".labels: duplicate label '" + label + "'");
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
