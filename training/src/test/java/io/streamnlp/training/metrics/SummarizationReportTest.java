package io.streamnlp.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummarizationReportTest {
    private static final String DOC = "Hello there. I hope you are well. My order is late. Please send it today.";

    @Test
    void leadBaselines() {
        assertEquals("Hello there. I hope you are well. My order is late.", LeadBaselines.lead3(DOC));
        assertEquals("Hello there. I", LeadBaselines.leadSameLength(DOC, "order is late"));
        assertEquals(
                List.of("Hello there.", "I hope you are well.", "My order is late.", "Please send it today."),
                LeadBaselines.sentences(DOC));
    }

    @Test
    void averagesSystemAndBaselines() {
        SummarizationReport r =
                SummarizationReport.of(List.of(DOC), List.of("my order is late"), List.of("My order is late."));

        assertEquals(1, r.n());
        assertEquals(new Rouge.Scores(1, 1, 1), r.system());
        // lead3: 11 tokens, all 4 reference unigrams match: P = 4/11, R = 1
        assertEquals(2 * (4.0 / 11) / (1 + 4.0 / 11), r.lead3().rouge1(), 1e-12);
        // lead_same_length: "hello there i hope" shares nothing with the reference
        assertEquals(0, r.leadSameLength().rouge1());
    }
}
