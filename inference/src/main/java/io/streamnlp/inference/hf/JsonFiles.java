package io.streamnlp.inference.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.bundle.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading the loosely typed JSON files of a Hugging Face export, with errors that name the file and key. */
final class JsonFiles {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private JsonFiles() {}

    static JsonNode read(Path file) {
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new InvalidHfExportException(file + " does not hold a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidHfExportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Optional<JsonNode> readIfPresent(Path file) {
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** An integer value; JSON null or an absent key give empty. */
    static Optional<Integer> optInt(JsonNode node, String key, Path source) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidHfExportException(source + ": '" + key + "' must be an integer, got " + v);
        }
        return Optional.of(v.intValue());
    }

    /** An integer or a list of integers (Hugging Face allows both for eos_token_id). */
    static List<Integer> intList(JsonNode node, String key, Path source) {
        JsonNode v = node.get(key);
        List<Integer> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isIntegralNumber()) {
                    throw new InvalidHfExportException(source + ": '" + key + "' must hold integers, got " + v);
                }
                out.add(item.intValue());
            }
            return out;
        }
        out.add(optInt(node, key, source).orElseThrow());
        return out;
    }

    static Optional<Double> optDouble(JsonNode node, String key, Path source) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw new InvalidHfExportException(source + ": '" + key + "' must be a number, got " + v);
        }
        return Optional.of(v.doubleValue());
    }

    static Optional<String> optText(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
