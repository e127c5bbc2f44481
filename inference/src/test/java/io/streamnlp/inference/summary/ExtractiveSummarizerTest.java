package io.streamnlp.inference.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.inference.task.TextSpan;
import io.streamnlp.inference.testing.TestEncoders;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ExtractiveSummarizerTest {

    private final SharedEncoder encoder = TestEncoders.miniLm();

    private static final String TICKET = "I ordered a laptop three weeks ago and it has still not arrived. "
            + "I ordered a laptop three weeks ago and it still has not arrived. "
            + "My cat likes to sleep on the sofa. "
            + "I was charged twice for the same laptop order and want one payment refunded.";

    private Summary summarize(ExtractiveSummarizer s, String text) {
        return s.summarize(encoder.encode(List.of(text))).get(0);
    }

    @Test
    void pureCentralityRepeatsTheNearDuplicate() {
        Summary s = summarize(new ExtractiveSummarizer(2, 400, 1.0), TICKET);
        assertTrue(
                s.text()
                        .startsWith("I ordered a laptop three weeks ago and it has still not arrived. "
                                + "I ordered a laptop three weeks ago and it still has not arrived."),
                s.text());
    }

    @Test
    void picksCentralSentencesWithoutRepeatingThemInDocumentOrder() {
        Summary s = summarize(new ExtractiveSummarizer(2, 400, 0.7), TICKET);
        assertEquals(Summary.EXTRACTIVE, s.method());
        assertEquals(2, s.sentences().size());
        assertTrue(s.sentences().get(0).start() < s.sentences().get(1).start(), "document order");
        assertFalse(s.text().contains("cat"), "the off-topic sentence is not central: " + s.text());
        assertTrue(s.text().contains("charged twice"), "redundancy control keeps the second topic: " + s.text());
        assertEquals(1, s.text().split("I ordered a laptop", -1).length - 1, "one of the near duplicates: " + s.text());
        for (TextSpan span : s.sentences()) {
            assertTrue(s.text().contains(TICKET.substring(span.start(), span.end())));
        }
    }

    @Test
    void staysWithinTheCharacterBudget() {
        Summary s = summarize(new ExtractiveSummarizer(3, 80, 0.7), TICKET);
        assertTrue(s.text().length() <= 80, s.text());
        assertFalse(s.text().isEmpty());
    }

    @Test
    void shortTextIsItsOwnSummaryAndBlankTextHasNone() {
        ExtractiveSummarizer s = new ExtractiveSummarizer(3, 320, 0.7);
        assertEquals(
                "Where is my parcel?", summarize(s, "  Where is my parcel?  ").text());
        Summary blank = summarize(s, " \n\t ");
        assertTrue(blank.isEmpty());
        assertEquals(List.of(), blank.sentences());
        assertTrue(summarize(s, "").isEmpty());
    }

    @Test
    void overlongSingleSentenceIsCutAtAWordBoundary() {
        String text = "this sentence keeps going on and on about the delivery that never came "
                .repeat(5)
                .trim();
        Summary s = summarize(new ExtractiveSummarizer(1, 50, 0.7), text);
        assertTrue(s.text().length() <= 50, s.text());
        assertTrue(text.startsWith(s.text()));
        assertTrue(text.charAt(s.text().length()) == ' ', "cut before a space");
    }

    @Test
    void sentencesBeyondTruncationAreNotCandidates() {
        String tail = "The final sentence mentions a unique refund request.";
        String text = "Filler sentence about nothing in particular. ".repeat(60) + tail;
        var encoded = encoder.encode(List.of(text)).get(0);
        assertTrue(encoded.truncated());
        Summary s = new ExtractiveSummarizer(3, 320, 0.7).summarize(encoded);
        assertFalse(s.text().contains("unique refund"), s.text());
        assertFalse(s.isEmpty());
    }
}
