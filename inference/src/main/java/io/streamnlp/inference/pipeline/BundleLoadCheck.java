package io.streamnlp.inference.pipeline;

import io.streamnlp.bundle.InvalidBundleException;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.task.ClassificationTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Proves that a model directory (a bundle or a Hugging Face export, registered or not) loads the
 * way serving loads it, through {@link NlpPipeline#load}, and that its classifiers have the labels
 * recorded for them. The model registry's tools plug it in as their load check, so that the
 * registry itself needs neither DJL nor ONNX Runtime.
 */
public final class BundleLoadCheck {

    private final InferenceOptions options;

    public BundleLoadCheck(InferenceOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public static BundleLoadCheck withDefaults() {
        return new BundleLoadCheck(InferenceOptions.defaults());
    }

    /**
     * @param recordedLabels labels by task, as recorded beside the model; tasks absent here are not compared
     * @throws InvalidBundleException if the bundle is malformed or a classifier's labels differ from the record
     * @throws io.streamnlp.inference.runtime.InferenceException if a model does not load
     */
    public void check(Path dir, Map<String, List<String>> recordedLabels) {
        try (NlpPipeline pipeline = NlpPipeline.load(dir, options)) {
            for (ClassificationTask classifier : pipeline.classifiers()) {
                List<String> recorded = recordedLabels.getOrDefault(classifier.task(), List.of());
                if (!recorded.isEmpty() && !recorded.equals(classifier.labels())) {
                    throw new InvalidBundleException(
                            dir.toString(),
                            List.of("task '" + classifier.task() + "' is recorded with labels " + recorded
                                    + " but the model has " + classifier.labels()));
                }
            }
        }
    }
}
