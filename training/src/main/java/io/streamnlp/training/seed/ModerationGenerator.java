package io.streamnlp.training.seed;

import java.util.List;
import java.util.Random;

/** Draws moderation examples: toxic templates, ok templates, and ordinary tickets (which are ok). */
final class ModerationGenerator {
    private final TemplateExpander expander;
    private final TicketGenerator tickets;
    private final Typos typos;

    ModerationGenerator(TemplateExpander expander, TicketGenerator tickets, Typos typos) {
        this.expander = expander;
        this.tickets = tickets;
        this.typos = typos;
    }

    /** Returns {text, label}. About 40% toxic. */
    String[] next(Random r) {
        double u = r.nextDouble();
        if (u < 0.4) {
            String template = SlotFillers.pick(ModerationTemplates.TOXIC_TEXTS, r)
                    .replace("ADJ", SlotFillers.pick(ModerationTemplates.INSULT_ADJECTIVES, r))
                    .replace("INSULT", SlotFillers.pick(ModerationTemplates.INSULTS, r));
            return new String[] {fixArticles(render(template, r)), ModerationTemplates.TOXIC};
        }
        if (u < 0.75) {
            return new String[] {render(SlotFillers.pick(ModerationTemplates.OK_TEXTS, r), r), ModerationTemplates.OK};
        }
        return new String[] {tickets.next(r).text().text(), ModerationTemplates.OK};
    }

    /** Slot filling yields "a idiot" and "an fool"; put the right article back ("a useless" stays). */
    private static String fixArticles(String text) {
        return text.replaceAll("\\b([aA]) ([aeioAEIO])", "$1n $2").replaceAll("\\b([aA])n ([^aeioAEIO\\s])", "$1 $2");
    }

    private String render(String template, Random r) {
        List<Segment> segments = typos.apply(expander.expand(template, r), r);
        String text = new GeneratedText(segments).text();
        return r.nextInt(5) == 0 ? text + "!" : text;
    }
}
