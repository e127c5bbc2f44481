package io.streamnlp.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.Json;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.training.metrics.ClassificationReport;
import io.streamnlp.training.metrics.LabelScores;
import io.streamnlp.training.metrics.NerReport;
import io.streamnlp.training.metrics.Rouge;
import io.streamnlp.training.metrics.SummarizationReport;
import java.util.Map;

/** The JSON objects {@code streamnlp eval --json} prints, with exactly the keys the eval contract names. */
public final class EvalReports {
    private static final ObjectMapper JSON = Json.MAPPER;

    private EvalReports() {}

    public static ObjectNode classification(ClassificationReport r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("n", r.n());
        out.put("accuracy", r.accuracy());
        out.put("macro_f1", r.macroF1());
        ObjectNode perLabel = out.putObject("per_label");
        for (Map.Entry<String, LabelScores> e : r.perLabel().entrySet()) {
            LabelScores s = e.getValue();
            perLabel.putObject(e.getKey())
                    .put("precision", s.precision())
                    .put("recall", s.recall())
                    .put("f1", s.f1())
                    .put("support", s.support());
        }
        return out;
    }

    public static ObjectNode ner(NerReport r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("n_sentences", r.nSentences());
        out.put("precision", r.precision());
        out.put("recall", r.recall());
        out.put("f1", r.f1());
        return out;
    }

    public static ObjectNode summarization(SummarizationReport r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("n", r.n());
        rouge(out, r.system());
        rouge(out.putObject("lead3"), r.lead3());
        rouge(out.putObject("lead_same_length"), r.leadSameLength());
        return out;
    }

    /**
     * A report at {@code precision} with {@code encoder_precision}, the fp32 report on the same data as
     * {@code fp32}, and {@code delta_vs_fp32}: this report's score minus fp32's for every top-level
     * score (counts excluded), as a fraction (0.01 is one point).
     */
    public static ObjectNode withDeltaVsFp32(ObjectNode report, Precision precision, ObjectNode fp32) {
        ObjectNode out = JSON.createObjectNode();
        out.put("encoder_precision", precision.toString());
        out.setAll(report);
        ObjectNode delta = out.putObject("delta_vs_fp32");
        report.fields().forEachRemaining(e -> {
            if (e.getValue().isFloatingPointNumber() && fp32.path(e.getKey()).isNumber()) {
                delta.put(
                        e.getKey(),
                        e.getValue().doubleValue() - fp32.get(e.getKey()).doubleValue());
            }
        });
        out.set("fp32", fp32);
        return out;
    }

    private static void rouge(ObjectNode node, Rouge.Scores s) {
        node.put("rouge1", s.rouge1());
        node.put("rouge2", s.rouge2());
        node.put("rougeL", s.rougeL());
    }
}
