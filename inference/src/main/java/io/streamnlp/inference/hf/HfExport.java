package io.streamnlp.inference.hf;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Int8Models;
import io.streamnlp.inference.runtime.PredictorPool;
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
        return Int8Models.load(file, Int8Models.at(options.precision(), file, options.modelCacheDir()), options);
    }

    static List<String> inputNames(ZooModel<NDList, NDList> model) {
        return model.describeInput().keys();
    }

    /**
     * Opens this export's {@code model.onnx} as a model with a logits output: its tokenizer, the ONNX
     * model and a predictor pool, handed to {@code factory}. What was opened is closed again if a
     * later step fails.
     *
     * @param kind what the model is, for the error when config.json has no labels ("a token classifier")
     * @throws InvalidHfExportException if config.json has no id2label or model.onnx is missing
     */
    <T> T openLogitsModel(InferenceOptions options, int maxLength, String kind, LogitsModelFactory<T> factory) {
        if (config.labels().isEmpty()) {
            throw new InvalidHfExportException(dir + "/config.json has no id2label: not " + kind);
        }
        HfTokenizer tokenizer = tokenizer(maxLength);
        ZooModel<NDList, NDList> model = null;
        try {
            model = loadOnnx("model.onnx", options);
            PredictorPool<EncoderBatch, FloatTensor> pool =
                    new PredictorPool<>(model, new LogitsTranslator(inputNames(model)), options.predictors());
            return factory.create(tokenizer, model, pool);
        } catch (RuntimeException e) {
            tokenizer.close();
            if (model != null) {
                model.close();
            }
            throw e;
        }
    }

    interface LogitsModelFactory<T> {
        T create(HfTokenizer tokenizer, ZooModel<NDList, NDList> model, PredictorPool<EncoderBatch, FloatTensor> pool);
    }

    /** The id used for padding: config.json's pad_token_id, else 0 (masked out either way). */
    long padTokenId() {
        return config.padTokenId().orElse(0);
    }
}
