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
import io.streamnlp.inference.encoder.Vectors;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.inference.task.Summary;
import io.streamnlp.inference.task.TextSpan;
import io.streamnlp.inference.testing.TestEncoders;
import java.util.ArrayList;
import java.util.Collections;
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

    private ExtractiveSummarizer summarizer(
            SummaryLength length, SentenceCentrality centrality, double positionWeight, double lambda) {
        return summarizer(length, centrality, positionWeight, lambda, SummarizationSpec.DEFAULT_MAX_DOCUMENT_TOKENS);
    }

    private ExtractiveSummarizer summarizer(
            SummaryLength length, SentenceCentrality centrality, double positionWeight, double lambda, int maxTokens) {
        return new ExtractiveSummarizer(
                length, centrality, positionWeight, lambda, new SentenceWindows(encoder::encode, maxTokens));
    }

    /** Fixed budget of {@code chars} characters and at most {@code sentences} sentences; no position prior. */
    private ExtractiveSummarizer fixed(int sentences, int chars, double lambda) {
        return summarizer(new SummaryLength(1.0, chars, chars, sentences), SentenceCentrality.CENTROID, 0.0, lambda);
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
                summarizer(new SummaryLength(0.3, 60, 1000, 20), SentenceCentrality.CENTROID, 0.0, 0.7);
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
                summarizer(new SummaryLength(1.0, 60, 150, 20), SentenceCentrality.CENTROID, 0.0, 0.7);
        assertTrue(summarize(capped, REPORT).text().length() <= 150);
        ExtractiveSummarizer floored =
                summarizer(new SummaryLength(0.01, 90, 1000, 20), SentenceCentrality.CENTROID, 0.0, 0.7);
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
        Summary lead = summarize(summarizer(length, SentenceCentrality.CENTROID, 1.0, 1.0), REPORT);
        assertEquals(
                "The city council approved a new budget for public transport on Tuesday. "
                        + "Bus fares will fall by ten percent from the first of March.",
                lead.text());
        Summary central = summarize(summarizer(length, SentenceCentrality.CENTROID, 0.0, 1.0), REPORT);
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
        ExtractiveSummarizer s = ExtractiveSummarizer.of(SummarizationSpec.extractive(), encoder::encode);
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
    void aDocumentLongerThanTheEncoderReadsIsRankedWhole() {
        var encoded = encoder.encode(List.of(LONG_REPORT)).get(0);
        assertTrue(encoded.truncated());
        SummaryLength oneSentence = new SummaryLength(1.0, 200, 200, 1);

        Summary whole = summarize(summarizer(oneSentence, SentenceCentrality.CENTROID, 0.0, 1.0), LONG_REPORT);
        assertTrue(whole.text().contains("refund"), "the refund story dominates the whole document: " + whole.text());

        Summary prefix = summarize(
                summarizer(oneSentence, SentenceCentrality.CENTROID, 0.0, 1.0, EncoderSpec.DEFAULT_MAX_LENGTH),
                LONG_REPORT);
        assertFalse(
                prefix.text().contains("refund"),
                "max_document_tokens = max_length reads the shared pass only,"
                        + " where the refund story is a sentence or two: " + prefix.text());
    }

    private static final String LONG_REPORT = String.join(
                    " ",
                    "The weather in the mountains turned cold early this year.",
                    "A new museum of modern sculpture opened near the harbour.",
                    "The football club signed a young goalkeeper from Portugal.",
                    "Farmers expect a good apple harvest after the dry summer.",
                    "The orchestra will tour three Asian capitals in the spring.",
                    "Scientists found a rare orchid species in the northern forest.",
                    "The railway operator is testing hydrogen trains on a rural line.",
                    "A famous chef published a cookbook of traditional soups.",
                    "Local schools will teach coding from the age of seven.",
                    "The bridge over the river is closed for repairs until June.",
                    "An old lighthouse was turned into a small hotel for tourists.",
                    "The chess championship ended in a surprising draw.",
                    "Doctors recommend more walking for office workers.",
                    "A film about the history of the city won a festival prize.",
                    "The zoo welcomed two baby pandas on loan from China.",
                    "Astronomers observed a bright comet above the desert.",
                    "The library extended its opening hours during the exam period.",
                    "A startup designs bicycles from recycled aluminium.",
                    "The marathon route was changed because of road works.",
                    "Volunteers planted a thousand trees along the motorway.",
                    "An artist painted a huge mural on the side of the station.")
            + " "
            + String.join(
                    " ",
                    "Customers of the bank are still waiting for refunds of double card payments.",
                    "The bank admitted that card payments were charged twice and promised refunds.",
                    "Thousands of customers asked the bank to refund the duplicated card payments.",
                    "A spokesperson said refunds for the double payments will reach accounts next week.",
                    "Consumer groups criticised the bank for the slow refunds of duplicated payments.",
                    "Some customers had card payments charged twice and are still missing the refund.",
                    "The bank blamed a software update for charging card payments twice.",
                    "Customers who paid twice by card will get their refund without asking, the bank said.",
                    "The double card payments and the late refunds made many customers angry at the bank.",
                    "Refunds of the payments charged twice are the bank's first priority, its chief said.",
                    "Card payments charged twice by the bank will be refunded by the end of the month.",
                    "Customers can check online whether the bank has refunded their double payment.",
                    "The regulator asked the bank how many card payments were charged twice.",
                    "Until the refunds arrive, some customers of the bank cannot pay their rent.");

    @Test
    void everySentenceOfALongDocumentIsReadWithTheBatchInSharedWindows() {
        List<String> passes = new ArrayList<>();
        SentenceWindows windows = new SentenceWindows(
                texts -> {
                    passes.add(texts.size() + " texts");
                    return encoder.encode(texts);
                },
                SummarizationSpec.DEFAULT_MAX_DOCUMENT_TOKENS);
        String longest = String.join(" ", Collections.nCopies(4, LONG_REPORT));
        List<String> texts = List.of(LONG_REPORT, TICKET, longest);
        List<List<TextSpan>> sentences =
                texts.stream().map(SentenceSplitter::split).toList();
        List<SentenceWindows.Document> read = windows.read(encoder.encode(texts).texts(), sentences);

        assertEquals(sentences.get(0).size(), read.get(0).embedded().size(), "every sentence of the long text");
        assertEquals(sentences.get(1).size(), read.get(1).embedded().size());
        assertEquals("2 texts", passes.get(0), "the further windows of a batch share a pass: " + passes);
        assertTrue(
                passes.size() >= 3 && passes.subList(1, passes.size()).stream().allMatch("1 texts"::equals),
                "the longest goes on alone: " + passes);
        int within = read.get(2).embedded().size();
        assertTrue(
                within > sentences.get(0).size() && within < sentences.get(2).size(),
                "the longest text stops at max_document_tokens: " + within + " of "
                        + sentences.get(2).size());
        for (List<Integer> embedded :
                List.of(read.get(0).embedded(), read.get(2).embedded())) {
            for (int k = 1; k < embedded.size(); k++) {
                assertEquals(embedded.get(k - 1) + 1, embedded.get(k), "in order, none skipped");
            }
        }
        // each sentence of a later window is embedded from its own tokens: read alone, it is closest to itself
        for (int k = sentences.get(0).size() - 3; k < sentences.get(0).size(); k++) {
            TextSpan span = sentences.get(0).get(k);
            var alone = encoder.encode(List.of(LONG_REPORT.substring(span.start(), span.end())))
                    .get(0);
            float[] own = alone.pooledStates(1, alone.tokenCount() - 1);
            int closest = 0;
            for (int j = 1; j < read.get(0).embedded().size(); j++) {
                if (Vectors.dot(own, read.get(0).embeddings().get(j))
                        > Vectors.dot(own, read.get(0).embeddings().get(closest))) {
                    closest = j;
                }
            }
            assertEquals(k, closest, span.toString());
        }
    }

    @Test
    void sentencesBeyondMaxDocumentTokensAreNotRead() {
        String text = "Filler sentence about nothing in particular. ".repeat(60)
                + "The final sentence mentions a unique refund request.";
        List<TextSpan> sentences = SentenceSplitter.split(text);
        int last = sentences.size() - 1;
        for (int maxTokens :
                new int[] {EncoderSpec.DEFAULT_MAX_LENGTH, SummarizationSpec.DEFAULT_MAX_DOCUMENT_TOKENS}) {
            List<Integer> embedded = new SentenceWindows(encoder::encode, maxTokens)
                    .read(encoder.encode(List.of(text)).texts(), List.of(sentences))
                    .get(0)
                    .embedded();
            assertEquals(maxTokens > 2 * EncoderSpec.DEFAULT_MAX_LENGTH, embedded.contains(last), "at " + maxTokens);
        }
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
