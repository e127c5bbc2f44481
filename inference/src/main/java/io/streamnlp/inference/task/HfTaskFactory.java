package io.streamnlp.inference.task;

import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.inference.runtime.InferenceOptions;
import java.nio.file.Path;

/**
 * Builds tasks for bundle entries of {@code "kind": "hf"} (Hugging Face Optimum ONNX exports).
 * The pipeline finds the implementation with {@link java.util.ServiceLoader}, so the
 * implementation registers itself in {@code META-INF/services/io.streamnlp.inference.task.HfTaskFactory}.
 */
public interface HfTaskFactory {

    /** A sequence-classification model in {@code modelDir}. */
    ClassificationTask classification(ClassificationSpec spec, Path modelDir, InferenceOptions options);

    /** A token-classification model in {@code modelDir}. */
    EntityTask entities(NerSpec spec, Path modelDir, InferenceOptions options);

    /** A seq2seq summarization model in {@code modelDir}. */
    SummaryTask summarization(SummarizationSpec spec, Path modelDir, InferenceOptions options);
}
