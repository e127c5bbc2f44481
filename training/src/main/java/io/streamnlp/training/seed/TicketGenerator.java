package io.streamnlp.training.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Combines a category body with sentiment and urgency phrases drawn independently. */
final class TicketGenerator {
    private final TemplateExpander expander;
    private final Typos typos;

    TicketGenerator(TemplateExpander expander, Typos typos) {
        this.expander = expander;
        this.typos = typos;
    }

    Ticket next(Random r) {
        String category = SlotFillers.pick(TicketTemplates.CATEGORIES, r);
        String sentiment = weighted(TicketTemplates.SENTIMENTS, new double[] {0.4, 0.35, 0.25}, r);
        String urgency = weighted(TicketTemplates.URGENCIES, new double[] {0.25, 0.45, 0.30}, r);

        List<Segment> segments = new ArrayList<>();
        String opener = SlotFillers.pick(TicketTemplates.URGENCY_OPENERS.get(urgency), r);
        String body = SlotFillers.pick(TicketTemplates.BODIES.get(category), r);
        append(segments, opener, r);
        append(segments, opener.endsWith(", ") ? continueSentence(body) : body, r);
        String feeling = SlotFillers.pick(TicketTemplates.SENTIMENT_PHRASES.get(sentiment), r);
        String closer = SlotFillers.pick(TicketTemplates.URGENCY_CLOSERS.get(urgency), r);
        if (r.nextBoolean()) {
            appendSentence(segments, feeling, r);
            appendSentence(segments, closer, r);
        } else {
            appendSentence(segments, closer, r);
            appendSentence(segments, feeling, r);
        }
        return new Ticket(new GeneratedText(typos.apply(segments, r)), category, sentiment, urgency);
    }

    private void appendSentence(List<Segment> segments, String template, Random r) {
        if (!template.isEmpty()) {
            segments.add(Segment.plain(" "));
            append(segments, template, r);
        }
    }

    private void append(List<Segment> segments, String template, Random r) {
        segments.addAll(expander.expand(template, r));
    }

    /** "Hi, My order" reads wrong; "Hi, I was charged" does not. */
    private static String continueSentence(String body) {
        boolean ordinaryWord =
                body.length() > 1 && Character.isUpperCase(body.charAt(0)) && Character.isLowerCase(body.charAt(1));
        return ordinaryWord ? Character.toLowerCase(body.charAt(0)) + body.substring(1) : body;
    }

    static String weighted(List<String> values, double[] weights, Random r) {
        double u = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < values.size(); i++) {
            acc += weights[i];
            if (u < acc) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }
}
