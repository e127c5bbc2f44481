package io.streamnlp.training.eval;

import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.training.data.Iob2;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.data.SummaryPair;
import io.streamnlp.training.data.TaggedSentence;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.metrics.ClassificationReport;
import io.streamnlp.training.metrics.NerReport;
import io.streamnlp.training.metrics.SummarizationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Scores a loaded bundle on test data through the inference pipeline, i.e. exactly what the
 * streaming job would output (the ONNX heads, the IOB decoding into character spans, the summarizer).
 */
public final class PipelineEvaluation {
    private static final int BATCH = 32;

    private final NlpPipeline pipeline;
    private final ProgressListener progress;

    public PipelineEvaluation(NlpPipeline pipeline, ProgressListener progress) {
        this.pipeline = pipeline;
        this.progress = progress;
    }

    public ClassificationReport classification(String task, List<LabeledText> test) {
        if (pipeline.classifiers().stream().noneMatch(c -> c.task().equals(task))) {
            throw new IllegalArgumentException("the model has no classification task '" + task + "'");
        }
        List<String> predicted = run(
                "evaluating " + task,
                test,
                LabeledText::text,
                r -> r.classification(task).label());
        return ClassificationReport.of(test.stream().map(LabeledText::label).toList(), predicted);
    }

    public NerReport ner(List<TaggedSentence> test) {
        if (pipeline.entities().isEmpty()) {
            throw new IllegalArgumentException("the model has no NER task");
        }
        List<List<Entity>> entities = run("evaluating ner", test, TaggedSentence::text, NlpResult::entities);
        List<List<String>> predicted = new ArrayList<>(test.size());
        for (int i = 0; i < test.size(); i++) {
            predicted.add(EntityTags.of(test.get(i), entities.get(i)));
        }
        return NerReport.of(test.stream().map(s -> Iob2.bundleSafe(s.tags())).toList(), predicted);
    }

    public SummarizationReport summarization(List<SummaryPair> test) {
        if (pipeline.summarizer().isEmpty()) {
            throw new IllegalArgumentException("the model has no summarization task");
        }
        List<String> summaries = run(
                "evaluating summaries",
                test,
                SummaryPair::document,
                r -> r.summary().text());
        return SummarizationReport.of(
                test.stream().map(SummaryPair::document).toList(),
                test.stream().map(SummaryPair::summary).toList(),
                summaries);
    }

    private <E, T> List<T> run(
            String phase, List<E> examples, Function<E, String> text, Function<NlpResult, T> extract) {
        List<T> out = new ArrayList<>(examples.size());
        progress.start(phase, examples.size());
        for (int from = 0; from < examples.size(); from += BATCH) {
            List<String> batch = examples.subList(from, Math.min(examples.size(), from + BATCH)).stream()
                    .map(text)
                    .toList();
            for (NlpResult r : pipeline.predict(batch)) {
                out.add(extract.apply(r));
            }
            progress.advance(out.size());
        }
        progress.finish(examples.size() + " examples");
        return out;
    }

    /** Names of the classification tasks of the loaded bundle. */
    public List<String> classificationTasks() {
        return pipeline.classifiers().stream().map(c -> c.task()).toList();
    }
}
