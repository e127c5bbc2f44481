package io.streamnlp.inference.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of a Hugging Face {@code config.json} that inference needs.
 *
 * @param modelType {@code model_type}, e.g. {@code bert}, {@code t5}, {@code bart}
 * @param labels {@code id2label} ordered by id (empty for models without a classification head)
 * @param problemType {@code problem_type}; absent means the pipeline decides from the label count
 * @param padTokenId {@code pad_token_id}
 * @param eosTokenIds {@code eos_token_id}, one or several
 * @param decoderStartTokenId {@code decoder_start_token_id} of encoder-decoder models
 * @param maxPositionEmbeddings {@code max_position_embeddings}: the longest input absolute positions allow
 * @param vocabSize {@code vocab_size}
 * @param prefix {@code prefix}: text the pipelines put before every input
 * @param taskPrefixes {@code task_specific_params.<task>.prefix} by task, e.g. T5's {@code "summarize: "}
 */
public record HfModelConfig(
        String modelType,
        List<String> labels,
        Optional<ProblemType> problemType,
        Optional<Integer> padTokenId,
        List<Integer> eosTokenIds,
        Optional<Integer> decoderStartTokenId,
        Optional<Integer> maxPositionEmbeddings,
        Optional<Integer> vocabSize,
        Optional<String> prefix,
        Map<String, String> taskPrefixes) {

    public HfModelConfig {
        labels = List.copyOf(labels);
        eosTokenIds = List.copyOf(eosTokenIds);
        taskPrefixes = Map.copyOf(taskPrefixes);
    }

    /** The text a transformers pipeline for {@code task} puts before each input; empty if none. */
    public String inputPrefix(String task) {
        return taskPrefixes.getOrDefault(task, prefix.orElse(""));
    }

    /** How the transformers pipeline turns classification logits into scores. */
    public enum ProblemType {
        SINGLE_LABEL_CLASSIFICATION,
        MULTI_LABEL_CLASSIFICATION,
        REGRESSION;

        static ProblemType parse(String value, Path source) {
            return switch (value) {
                case "single_label_classification" -> SINGLE_LABEL_CLASSIFICATION;
                case "multi_label_classification" -> MULTI_LABEL_CLASSIFICATION;
                case "regression" -> REGRESSION;
                default -> throw new InvalidHfExportException(source + ": unknown problem_type '" + value + "'");
            };
        }
    }

    /** Reads {@code config.json}. */
    public static HfModelConfig read(Path configFile) {
        JsonNode root = JsonFiles.read(configFile);
        return new HfModelConfig(
                JsonFiles.optText(root, "model_type").orElse("unknown"),
                labels(root, configFile),
                JsonFiles.optText(root, "problem_type").map(v -> ProblemType.parse(v, configFile)),
                JsonFiles.optInt(root, "pad_token_id", configFile),
                JsonFiles.intList(root, "eos_token_id", configFile),
                JsonFiles.optInt(root, "decoder_start_token_id", configFile),
                JsonFiles.optInt(root, "max_position_embeddings", configFile),
                JsonFiles.optInt(root, "vocab_size", configFile),
                JsonFiles.optText(root, "prefix"),
                taskPrefixes(root));
    }

    private static Map<String, String> taskPrefixes(JsonNode root) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        root.path("task_specific_params").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonFiles.optText(e.getValue(), "prefix").ifPresent(p -> out.put(e.getKey(), p));
        }
        return out;
    }

    private static List<String> labels(JsonNode root, Path source) {
        JsonNode id2label = root.get("id2label");
        if (id2label == null || id2label.isNull()) {
            int n = JsonFiles.optInt(root, "num_labels", source).orElse(0);
            List<String> generic = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                generic.add("LABEL_" + i);
            }
            return generic;
        }
        if (!id2label.isObject()) {
            throw new InvalidHfExportException(source + ": id2label must be an object, got " + id2label);
        }
        Map<Integer, String> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = id2label.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                byId.put(Integer.parseInt(e.getKey()), e.getValue().asText());
            } catch (NumberFormatException ex) {
                throw new InvalidHfExportException(source + ": id2label key '" + e.getKey() + "' is not an integer");
            }
        }
        List<String> labels = new ArrayList<>(byId.size());
        int expected = 0;
        for (Map.Entry<Integer, String> e : byId.entrySet()) {
            if (e.getKey() != expected) {
                throw new InvalidHfExportException(source + ": id2label ids must be 0.." + (byId.size() - 1)
                        + " without gaps, found " + byId.keySet());
            }
            labels.add(e.getValue());
            expected++;
        }
        return labels;
    }
}
