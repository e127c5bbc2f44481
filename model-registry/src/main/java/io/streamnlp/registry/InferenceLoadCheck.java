package io.streamnlp.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.inference.hf.HfSeq2SeqGenerator;
import io.streamnlp.inference.hf.HfSequenceClassifier;
import io.streamnlp.inference.hf.HfTokenClassifier;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Loads a version the way serving will: a bundle through {@link NlpPipeline}, a Hugging Face export
 * through the classifier or generator its config.json and files call for. A Hugging Face
 * classifier's labels must also be the ones the manifest records.
 */
public final class InferenceLoadCheck implements ModelLoadCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InferenceOptions options;

    public InferenceLoadCheck(InferenceOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public static InferenceLoadCheck withDefaults() {
        return new InferenceLoadCheck(InferenceOptions.defaults());
    }

    @Override
    public void check(Path versionDir, ModelManifest manifest) throws Exception {
        if (manifest.format() == ModelFormat.SHARED_ENCODER_BUNDLE) {
            try (NlpPipeline ignored = NlpPipeline.load(versionDir, options)) {
                return;
            }
        }
        if (Files.isRegularFile(versionDir.resolve("encoder_model.onnx")) && !Files.isRegularFile(versionDir.resolve("model.onnx"))) {
            try (HfSeq2SeqGenerator ignored = HfSeq2SeqGenerator.load(versionDir, options)) {
                return;
            }
        }
        List<String> labels;
        if (architectures(versionDir).stream().anyMatch(name -> name.endsWith("ForTokenClassification"))) {
            try (HfTokenClassifier model = HfTokenClassifier.load(versionDir, options)) {
                labels = model.labels();
            }
        } else {
            try (HfSequenceClassifier model = HfSequenceClassifier.load(versionDir, options)) {
                labels = model.labels();
            }
        }
        for (String task : manifest.tasks()) {
            List<String> recorded = manifest.labelsOf(task);
            if (!recorded.isEmpty() && !recorded.equals(labels)) {
                throw new InvalidModelException("task '" + task + "' records labels " + recorded + " but the model has " + labels);
            }
        }
    }

    private static List<String> architectures(Path dir) throws IOException {
        JsonNode node = JSON.readTree(dir.resolve("config.json").toFile()).path("architectures");
        return node.isArray() ? JSON.convertValue(node, JSON.getTypeFactory().constructCollectionType(List.class, String.class)) : List.of();
    }
}
