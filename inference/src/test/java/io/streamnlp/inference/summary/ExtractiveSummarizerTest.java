package io.streamnlp.inference.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.bundle.SummarizationSpec;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.Precision;
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

    private static final String REPORT = "The city council approved a new budget for public transport on Tuesday. "
            + "Bus fares will fall by ten percent from the first of March. "
            + "The council said the cut is paid for by a new parking levy in the centre. "
            + "Opposition members argued that the levy will hurt small shops. "
            + "Tram lines to the northern suburbs will also run every five minutes at peak hours. "
            + "The mayor called the budget the largest investment in transport for twenty years. "
            + "A local choir performed in the town hall after the vote. "
            + "Commuter groups welcomed the fare cut but asked for more night buses. "
            + "The budget still needs the approval of the regional government. "
            + "A final decision is expected before the end of January.";

    private Summary summarize(ExtractiveSummarizer s, String text) {
        return s.summarize(encoder.encode(List.of(text))).get(0);
    }

    /** Fixed budget of {@code chars} characters and at most {@code sentences} sentences; no position prior. */
    private static ExtractiveSummarizer fixed(int sentences, int chars, double lambda) {
        return new ExtractiveSummarizer(
                new SummaryLength(1.0, chars, chars, sentences), SentenceCentrality.CENTROID, 0.0, lambda);
    }

    @Test
    void pureCentralityRepeatsTheNearDuplicate() {
        Summary s = summarize(fixed(2, 400, 1.0), TICKET);
        assertTrue(
                s.text()
                        .startsWith("I ordered a laptop three weeks ago and it has still not arrived. "
                                + "I ordered a laptop three weeks ago and it still has not arrived."),
                s.text());
    }

    @Test
    void redundancyControlPicksCentralSentencesWithoutRepeatingThemInDocumentOrder() {
        Summary s = summarize(fixed(2, 400, 0.7), TICKET);
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
    void lengthFollowsTheDocumentWithinItsBounds() {
        ExtractiveSummarizer byRatio =
                new ExtractiveSummarizer(new SummaryLength(0.3, 60, 1000, 20), SentenceCentrality.CENTROID, 0.0, 0.7);
        String half = REPORT.substring(0, REPORT.indexOf("A local choir"));
        Summary ofHalf = summarize(byRatio, half.strip());
        Summary ofAll = summarize(byRatio, REPORT);

        assertTrue(ofAll.text().length() <= 0.3 * REPORT.length(), ofAll.text());
        assertTrue(ofHalf.text().length() <= 0.3 * half.strip().length(), ofHalf.text());
        assertTrue(
                ofAll.text().length() > ofHalf.text().length(),
                "a longer document gets a longer summary: " + ofHalf.text() + " | " + ofAll.text());
        assertTrue(ofAll.sentences().size() >= 2, ofAll.text());

        ExtractiveSummarizer capped =
                new ExtractiveSummarizer(new SummaryLength(1.0, 60, 150, 20), SentenceCentrality.CENTROID, 0.0, 0.7);
        assertTrue(summarize(capped, REPORT).text().length() <= 150);
        ExtractiveSummarizer floored =
                new ExtractiveSummarizer(new SummaryLength(0.01, 90, 1000, 20), SentenceCentrality.CENTROID, 0.0, 0.7);
        Summary atLeast = summarize(floored, REPORT);
        assertTrue(!atLeast.isEmpty() && atLeast.text().length() <= 90, atLeast.text());
    }

    @Test
    void budgetIsTheRatioOfTheDocumentClampedToTheBounds() {
        SummaryLength length = new SummaryLength(0.3, 100, 600, 8);
        assertEquals(300, length.budget(1000));
        assertEquals(100, length.budget(200));
        assertEquals(600, length.budget(5000));
    }

    @Test
    void thePositionPriorPullsTowardsTheLead() {
        SummaryLength length = new SummaryLength(1.0, 160, 160, 2);
        Summary lead = summarize(new ExtractiveSummarizer(length, SentenceCentrality.CENTROID, 1.0, 1.0), REPORT);
        assertEquals(
                "The city council approved a new budget for public transport on Tuesday. "
                        + "Bus fares will fall by ten percent from the first of March.",
                lead.text());
        Summary central = summarize(new ExtractiveSummarizer(length, SentenceCentrality.CENTROID, 0.0, 1.0), REPORT);
        assertFalse(central.text().equals(lead.text()), central.text());
    }

    @Test
    void textRankScoresTheSentenceMostSimilarToTheOthersHighest() {
        float[] a = {1f, 0f, 0f};
        float[] b = unit(0.9f, 0.3f, 0f);
        float[] c = unit(0.9f, -0.3f, 0f);
        float[] offTopic = {0f, 0f, 1f};
        double[] scores = SentenceCentrality.TEXTRANK.scores(List.of(b, a, c, offTopic), a);
        assertEquals(1.0, scores[1], 1e-9, "the sentence between the two others");
        assertTrue(scores[0] < 1.0 && scores[3] < scores[0], "the sentence similar to none ranks last");
        assertEquals(scores[0], scores[2], 1e-9);
    }

    @Test
    void staysWithinTheCharacterBudget() {
        Summary s = summarize(fixed(3, 80, 0.7), TICKET);
        assertTrue(s.text().length() <= 80, s.text());
        assertFalse(s.text().isEmpty());
    }

    @Test
    void shortTextIsItsOwnSummaryAndBlankTextHasNone() {
        ExtractiveSummarizer s = ExtractiveSummarizer.of(SummarizationSpec.extractive());
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
        Summary s = summarize(fixed(1, 50, 0.7), text);
        assertTrue(s.text().length() <= 50, s.text());
        assertTrue(text.startsWith(s.text()));
        assertTrue(text.charAt(s.text().length()) == ' ', "cut before a space");
    }

    @Test
    void theDocumentIsTheMeanOfItsTokensWhateverPoolingTheHeadsRead() {
        EncoderFiles meanMax = EncoderFiles.builtin(
                BuiltinEncoder.ALL_MINILM_L6_V2,
                TestEncoders.options().modelCacheDir(),
                EncoderSpec.DEFAULT_MAX_LENGTH,
                Precision.FP32,
                Pooling.MEAN_MAX);
        ExtractiveSummarizer s = fixed(2, 400, 0.7);
        try (SharedEncoder wide = SharedEncoder.load(meanMax, TestEncoders.options())) {
            assertEquals(768, wide.encode(List.of(TICKET)).get(0).embedding().length);
            assertEquals(
                    summarize(s, TICKET).text(),
                    s.summarize(wide.encode(List.of(TICKET))).get(0).text());
        }
    }

    @Test
    void sentencesBeyondTruncationAreNotCandidates() {
        String tail = "The final sentence mentions a unique refund request.";
        String text = "Filler sentence about nothing in particular. ".repeat(60) + tail;
        var encoded = encoder.encode(List.of(text)).get(0);
        assertTrue(encoded.truncated());
        Summary s = ExtractiveSummarizer.of(SummarizationSpec.extractive()).summarize(encoded);
        assertFalse(s.text().contains("unique refund"), s.text());
        assertFalse(s.isEmpty());
    }

    private static float[] unit(float... v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return u;
    }
}
