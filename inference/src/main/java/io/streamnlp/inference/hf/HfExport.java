package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.OnnxModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An Optimum export directory: config.json, tokenizer.json and one or more ONNX graphs. */
final class HfExport {

    private final Path dir;
    private final HfModelConfig config;

    private HfExport(Path dir, HfModelConfig config) {
        this.dir = dir;
        this.config = config;
    }

    static HfExport open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidHfExportException("Hugging Face export directory not found: " + dir);
        }
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new InvalidHfExportException("config.json not found in " + dir);
        }
        return new HfExport(dir, HfModelConfig.read(configFile));
    }

    Path dir() {
        return dir;
    }

    HfModelConfig config() {
        return config;
    }

    boolean has(String fileName) {
        return Files.isRegularFile(dir.resolve(fileName));
    }

    HfTokenizer tokenizer(int maxLength) {
        return HfTokenizer.load(dir, config, maxLength);
    }

    ZooModel<NDList, NDList> loadOnnx(String fileName, InferenceOptions options) {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new InvalidHfExportException(fileName + " not found in " + dir);
        }
        return OnnxModels.load(file, options);
    }

    static List<String> inputNames(ZooModel<NDList, NDList> model) {
        return model.describeInput().keys();
    }

    /** The id used for padding: config.json's pad_token_id, else 0 (masked out either way). */
    long padTokenId() {
        return config.padTokenId().orElse(0);
    }
}
