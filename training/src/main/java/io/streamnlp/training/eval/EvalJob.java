package io.streamnlp.training.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.registry.ModelReference;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.training.bundle.DefaultBundle;
import io.streamnlp.training.data.ClassificationTsv;
import io.streamnlp.training.data.Conll;
import io.streamnlp.training.data.DatasetFormatException;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.SummarizationJsonl;
import io.streamnlp.training.data.SummaryPair;
import io.streamnlp.training.data.TaggedSentence;
import io.streamnlp.training.heads.ProgressListener;
import java.util.List;

/** {@code streamnlp eval}: loads a registered model through the inference pipeline and scores it on a test file. */
public final class EvalJob {
    private final ModelStore store;
    private final InferenceOptions options;
    private final ProgressListener progress;

    public EvalJob(ModelStore store, InferenceOptions options, ProgressListener progress) {
        this.store = store;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Scores the model at the options' precision; at a precision other than fp32 the report also holds
     * the fp32 scores on the same data and the difference. The test data is read before any model is
     * loaded, so a bad file fails fast. The default model is registered on first use, as everywhere else.
     *
     * @throws DatasetFormatException if the test file is unreadable, empty or malformed
     * @throws IllegalArgumentException if the model lacks the task
     */
    public ObjectNode run(EvalRequest request) throws DatasetFormatException {
        ObjectNode scores = score(request, options);
        if (options.precision() == Precision.FP32) {
            return scores;
        }
        // the same data through the same bundle at fp32, the precision its heads were trained on
        ObjectNode fp32 = score(request, options.withPrecision(Precision.FP32));
        return EvalReports.withDeltaVsFp32(scores, options.precision(), fp32);
    }

    private ObjectNode score(EvalRequest request, InferenceOptions options) throws DatasetFormatException {
        return switch (request.task()) {
            case CLASSIFICATION -> {
                List<LabeledText> test = ClassificationTsv.read(request.test());
                try (NlpPipeline pipeline = load(request.model(), options)) {
                    PipelineEvaluation eval = new PipelineEvaluation(pipeline, progress);
                    yield EvalReports.classification(eval.classification(head(request, eval), test));
                }
            }
            case NER -> {
                List<TaggedSentence> test = Conll.read(request.test());
                try (NlpPipeline pipeline = load(request.model(), options)) {
                    yield EvalReports.ner(new PipelineEvaluation(pipeline, progress).ner(test));
                }
            }
            case SUMMARIZATION -> {
                List<SummaryPair> test = SummarizationJsonl.read(request.test());
                try (NlpPipeline pipeline = load(request.model(), options)) {
                    yield EvalReports.summarization(new PipelineEvaluation(pipeline, progress).summarization(test));
                }
            }
        };
    }

    private NlpPipeline load(String model, InferenceOptions options) {
        ModelReference reference = ModelReference.parse(model);
        DefaultBundle.ensureIfNamed(store, reference, options, progress);
        ModelVersion version = store.resolve(reference);
        return NlpPipeline.load(store.directory(version), options);
    }

    private static String head(EvalRequest request, PipelineEvaluation eval) {
        List<String> tasks = eval.classificationTasks();
        if (request.head() != null) {
            if (!tasks.contains(request.head())) {
                throw new IllegalArgumentException("model '" + request.model() + "' has no classification task '"
                        + request.head() + "'; it has " + tasks);
            }
            return request.head();
        }
        if (tasks.size() != 1) {
            throw new IllegalArgumentException(
                    tasks.isEmpty()
                            ? "model '" + request.model() + "' has no classification task"
                            : "model '" + request.model() + "' has classification tasks " + tasks
                                    + "; choose one with --head");
        }
        return tasks.get(0);
    }
}
