package io.streamnlp.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.training.metrics.NerReport;
import org.junit.jupiter.api.Test;

class EvalReportsTest {

    @Test
    void theDeltaKeepsANerReportsOwnPrecisionScore() {
        ObjectNode int8 = EvalReports.ner(new NerReport(10, 0.5, 0.4, 0.44));
        ObjectNode fp32 = EvalReports.ner(new NerReport(10, 0.6, 0.4, 0.48));
        ObjectNode out = EvalReports.withDeltaVsFp32(int8, Precision.INT8, fp32);
        assertEquals("int8", out.get("encoder_precision").asText());
        assertEquals(0.5, out.get("precision").asDouble(), "the entity precision, not the encoder's");
        assertEquals(-0.1, out.get("delta_vs_fp32").get("precision").asDouble(), 1e-12);
        assertEquals(-0.04, out.get("delta_vs_fp32").get("f1").asDouble(), 1e-12);
        assertFalse(out.get("delta_vs_fp32").has("n_sentences"), "counts are not scores");
        assertEquals(fp32, out.get("fp32"));
    }
}
