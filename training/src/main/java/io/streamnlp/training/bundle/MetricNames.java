package io.streamnlp.training.bundle;

import io.streamnlp.registry.Int8DeltaBound;
import io.streamnlp.training.metrics.ClassificationReport;
import io.streamnlp.training.metrics.NerReport;
import io.streamnlp.training.metrics.Rouge;
import io.streamnlp.training.metrics.SummarizationReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** How dev metrics are named in a model version's manifest: {@code <task>.<metric>}. */
public final class MetricNames {
    private MetricNames() {}

    public static Map<String, Double> classification(String task, ClassificationReport r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(task + ".accuracy", r.accuracy());
        m.put(task + ".macro_f1", r.macroF1());
        m.put(task + ".dev_n", (double) r.n());
        return m;
    }

    public static Map<String, Double> ner(NerReport r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(BundleWriter.NER_TASK + ".precision", r.precision());
        m.put(BundleWriter.NER_TASK + ".recall", r.recall());
        m.put(BundleWriter.NER_TASK + ".f1", r.f1());
        m.put(BundleWriter.NER_TASK + ".dev_sentences", (double) r.nSentences());
        return m;
    }

    public static Map<String, Double> summarization(SummarizationReport r) {
        Map<String, Double> m = new LinkedHashMap<>();
        rouge(m, "summarization.", r.system());
        rouge(m, "summarization.lead3.", r.lead3());
        rouge(m, "summarization.lead_same_length.", r.leadSameLength());
        return m;
    }

    /**
     * Quality changes at int8 against fp32 ({@code task.metric} to delta), named as the registry's int8 quality
     * bound reads them.
     */
    public static Map<String, Double> int8Deltas(Map<String, Double> deltas) {
        Map<String, Double> m = new LinkedHashMap<>();
        deltas.forEach((metric, delta) -> m.put(Int8DeltaBound.METRIC_PREFIX + metric, delta));
        return m;
    }

    private static void rouge(Map<String, Double> m, String prefix, Rouge.Scores s) {
        m.put(prefix + "rouge1", s.rouge1());
        m.put(prefix + "rouge2", s.rouge2());
        m.put(prefix + "rougeL", s.rougeL());
    }
}
