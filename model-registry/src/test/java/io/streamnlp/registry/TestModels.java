package io.streamnlp.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes model directories in the two layouts the registry accepts. The store never interprets
 * ONNX bytes (that is the inference module's job), so the bundle's head files hold marker bytes;
 * the Hugging Face export is a real one, copied from the reference fixtures.
 */
public final class TestModels {

    private static final String HF_CLASSIFIER = "/models/bert-tiny-sequence-classification/";
    private static final List<String> HF_CLASSIFIER_FILES =
            List.of("config.json", "model.onnx", "tokenizer.json", "tokenizer_config.json");

    private TestModels() {}

    public static Path bundle(Path dir, String headBytes) throws IOException {
        Files.createDirectories(dir.resolve("heads"));
        Files.writeString(dir.resolve("bundle.json"), """
                {
                  "format": "streamnlp-bundle/1",
                  "encoder": {"builtin": "all-minilm-l6-v2", "max_length": 256},
                  "classification": [
                    {"task": "category", "path": "heads/category.onnx", "labels": ["billing", "shipping", "other"],
                     "input": "input", "output": "output"}
                  ],
                  "ner": {"path": "heads/ner.onnx", "labels": ["O", "B-PERSON", "I-PERSON"], "context_window": 1},
                  "summarization": {"max_sentences": 3, "max_chars": 320, "mmr_lambda": 0.7}
                }
                """);
        Files.writeString(dir.resolve("heads/category.onnx"), "category-head " + headBytes);
        Files.writeString(dir.resolve("heads/ner.onnx"), "ner-head " + headBytes);
        return dir;
    }

    /** A tiny random-weight BertForSequenceClassification as Optimum exports it (labels negative, neutral, positive). */
    public static Path huggingFaceClassifier(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : HF_CLASSIFIER_FILES) {
            try (InputStream in = TestModels.class.getResourceAsStream(HF_CLASSIFIER + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        return dir;
    }
}
