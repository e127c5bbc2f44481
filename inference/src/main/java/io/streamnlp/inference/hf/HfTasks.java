package io.streamnlp.inference.hf;

import io.streamnlp.bundle.ClassificationSpec;
import io.streamnlp.bundle.NerSpec;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.inference.heads.ClassificationHead;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.task.ClassificationTask;
import io.streamnlp.inference.task.EntityTask;
import io.streamnlp.inference.task.HfTaskFactory;
import io.streamnlp.inference.task.SummaryTask;
import java.nio.file.Path;

/**
 * Serves bundle entries of {@code "kind": "hf"}: found by the pipeline through {@link java.util.ServiceLoader}.
 * Bundle settings override the export's own: {@code aggregation} (default {@code simple}) for entities,
 * {@code max_new_tokens}, {@code num_beams} and {@code length_penalty} for summaries. Summaries otherwise follow
 * generation_config.json with config.json's {@code task_specific_params.summarization} on top, input prefix
 * included, as transformers' summarization pipeline does.
 */
public final class HfTasks implements HfTaskFactory {

    /** The token-classification aggregation when the bundle names none. */
    public static final AggregationStrategy DEFAULT_AGGREGATION = AggregationStrategy.SIMPLE;

    public HfTasks() {}

    /** @throws InvalidHfExportException if the bundle lists labels that differ from the model's id2label */
    @Override
    public ClassificationTask classification(ClassificationSpec spec, Path modelDir, InferenceOptions options) {
        HfSequenceClassifier classifier = HfSequenceClassifier.load(modelDir, options);
        if (!spec.labels().isEmpty() && !spec.labels().equals(classifier.labels())) {
            classifier.close();
            throw new InvalidHfExportException("task '" + spec.task() + "': bundle labels " + spec.labels()
                    + " differ from " + modelDir + "/config.json id2label " + classifier.labels());
        }
        return new HfClassificationTask(
                spec.task(),
                classifier,
                Math.min(ClassificationHead.DEFAULT_TOP_K, classifier.labels().size()));
    }

    @Override
    public EntityTask entities(NerSpec spec, Path modelDir, InferenceOptions options) {
        AggregationStrategy strategy;
        try {
            strategy = spec.aggregation() == null ? DEFAULT_AGGREGATION : AggregationStrategy.parse(spec.aggregation());
        } catch (IllegalArgumentException e) {
            throw new InvalidHfExportException("ner entry for " + modelDir + ": " + e.getMessage(), e);
        }
        return new HfEntityTask(HfTokenClassifier.load(modelDir, options), strategy);
    }

    @Override
    public SummaryTask summarization(SummarizationSpec spec, Path modelDir, InferenceOptions options) {
        HfSeq2SeqGenerator generator = HfSeq2SeqGenerator.load(modelDir, options);
        try {
            GenerationConfig.Builder config = GenerationConfig.read(modelDir, HfSummaryTask.TASK).toBuilder();
            if (spec.maxNewTokens() != null) {
                config.maxNewTokens(spec.maxNewTokens());
            }
            if (spec.numBeams() != null) {
                config.numBeams(spec.numBeams());
            }
            if (spec.lengthPenalty() != null) {
                config.lengthPenalty(spec.lengthPenalty());
            }
            GenerationConfig settings = config.build();
            generator.checkFits(settings);
            return new HfSummaryTask(
                    generator, settings, generator.modelConfig().inputPrefix(HfSummaryTask.TASK));
        } catch (IllegalArgumentException e) {
            generator.close();
            throw new InvalidHfExportException("summarization settings for " + modelDir + ": " + e.getMessage(), e);
        }
    }
}
