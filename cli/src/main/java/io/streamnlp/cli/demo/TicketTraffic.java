package io.streamnlp.cli.demo;

import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.util.List;
import java.util.Random;

/**
 * Realistic support-ticket traffic for the demo: tickets drawn from the project's held-out seed
 * tickets, and, during the drift episode, a flood of a new issue type the default model has never
 * seen (account takeovers), so drift shows up and a retrain has something to learn.
 */
public final class TicketTraffic {
    /** The issue type that floods in during the drift episode. */
    static final String NEW_ISSUE_TYPE = "account_security";

    private static final String[] SECURITY_TEMPLATES = {
        "Someone logged into my account from %s and changed my password, I did not do this!",
        "I got an alert about a sign-in from %s that was not me. Please lock my account now.",
        "My email address on the account was changed without my permission, I think I was hacked.",
        "There are orders on my account I never placed, somebody has my login. Account %s.",
        "Two-factor codes keep arriving although I am not trying to log in. Is my account compromised?",
        "A stranger reset my password and now I am locked out of account %s.",
        "I received a phishing email pretending to be you asking for my password, and now my account shows a login from %s.",
        "Please help, my saved card was used by someone who broke into my account from %s.",
    };
    private static final String[] PLACES = {
        "Lagos", "Bucharest", "Manila", "an unknown device", "Sao Paulo", "Minsk", "Hanoi"
    };

    /** A generated ticket with the category a human agent would give it. */
    public record Ticket(String text, String category) {}

    private final List<LabeledText> tickets;
    private final Random random;

    public TicketTraffic(long seed) {
        this.tickets = SeedCorpus.bundled().classification("category", Split.DEV);
        this.random = new Random(seed);
    }

    /** The next ticket; {@code drifting} turns most traffic into the new issue type. */
    public Ticket next(boolean drifting) {
        if (drifting && random.nextDouble() < 0.6) {
            String template = SECURITY_TEMPLATES[random.nextInt(SECURITY_TEMPLATES.length)];
            String filler = template.contains("Account %s") || template.contains("account %s")
                    ? "ACC-" + (100000 + random.nextInt(900000))
                    : PLACES[random.nextInt(PLACES.length)];
            return new Ticket(String.format(template, filler), NEW_ISSUE_TYPE);
        }
        LabeledText t = tickets.get(random.nextInt(tickets.size()));
        return new Ticket(t.text(), t.label());
    }
}
