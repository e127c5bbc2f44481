package io.streamnlp.training.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.bundle.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Summarization data: one JSON object {@code {"document": ..., "summary": ...}} per line. */
public final class SummarizationJsonl {
    private static final ObjectMapper JSON = Json.MAPPER;

    private SummarizationJsonl() {}

    public static List<SummaryPair> read(Path file) throws DatasetFormatException {
        return parse(file.toString(), LineSource.lines(file));
    }

    public static List<SummaryPair> read(String name, InputStream in) throws DatasetFormatException {
        return parse(name, LineSource.lines(name, in));
    }

    private static List<SummaryPair> parse(String name, List<String> lines) throws DatasetFormatException {
        List<SummaryPair> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DatasetFormatException(name, i + 1, "not a JSON object: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new DatasetFormatException(name, i + 1, "not a JSON object");
            }
            out.add(new SummaryPair(text(node, "document", name, i + 1), text(node, "summary", name, i + 1)));
        }
        return out;
    }

    private static String text(JsonNode node, String field, String name, int line) throws DatasetFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new DatasetFormatException(name, line, "missing or empty string field \"" + field + "\"");
        }
        return value.asText();
    }

    public static void write(Path file, List<SummaryPair> pairs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SummaryPair p : pairs) {
                w.write(JSON.createObjectNode().put("document", p.document()).put("summary", p.summary()) + "\n");
            }
        }
    }
}
