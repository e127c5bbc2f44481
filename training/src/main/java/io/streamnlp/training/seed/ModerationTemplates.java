package io.streamnlp.training.seed;

import java.util.List;

/**
 * Moderation examples, labelled with the default moderation head's labels (those of the Davidson data
 * it is trained on). Toxic texts are insults and threats aimed at a person, phrased without slurs, so
 * {@code offensive_language} (hate speech targets a group); the {@code neither} side deliberately
 * includes angry complaints about products and services, which a moderation model must not flag.
 */
final class ModerationTemplates {
    private ModerationTemplates() {}

    static final String OK = "neither";
    static final String TOXIC = "offensive_language";

    static final List<String> INSULTS =
            List.of("idiot", "moron", "clown", "loser", "fool", "imbecile", "joke", "halfwit", "buffoon", "nitwit");
    static final List<String> INSULT_ADJECTIVES =
            List.of("useless", "pathetic", "brainless", "worthless", "clueless", "incompetent", "stupid", "miserable");

    static final List<String> TOXIC_TEXTS = List.of(
            "you are [such a|a complete|an absolute] ADJ INSULT",
            "shut up, you ADJ INSULT",
            "nobody cares what a ADJ INSULT like you [thinks|says]",
            "{PERSON}, you are the most ADJ person I have ever [met|talked to]",
            "go away, INSULT",
            "keep talking and you will regret it, INSULT",
            "I am going to make your life miserable, {PERSON}",
            "you'd better watch your back, {PERSON}",
            "people like you should be [banned|kicked off] from the internet",
            "what a ADJ excuse for a [support agent|human being|moderator]",
            "your brain must be the size of a pea, INSULT",
            "get lost, ADJ INSULT",
            "I hope you get fired, you ADJ INSULT",
            "only an INSULT would write something this dumb",
            "[hey|listen] {PERSON}, [you're|you are] a ADJ INSULT and everyone knows it",
            "I will find out where you live and you will be sorry",
            "do everyone a favour and disappear, INSULT",
            "you are too ADJ to [understand anything|do your job|tie your shoes]",
            "lol look at this INSULT trying to explain things",
            "[seriously|honestly], how can anyone be this ADJ",
            "stop posting, you ADJ INSULT, nobody wants you here",
            "if I see you again {PERSON} you will [get hurt|be in trouble]");

    static final List<String> OK_TEXTS = List.of(
            "[great|nice|interesting] stream today, thanks everyone",
            "I disagree with this [policy|decision], but I understand the reasoning",
            "this update is [garbage|terrible|awful], please bring back the old menu",
            "the {PRODUCT} is [broken|useless] after one week, very annoyed",
            "I'm so angry about the delay with order {ORDER_ID}",
            "thanks {PERSON}, that fixed it!",
            "does anyone know if the {PRODUCT} works in {LOCATION}?",
            "congrats to the whole team on the launch",
            "the customer service at {ORG} was [slow|unhelpful] today",
            "this price of {MONEY} is a joke for what you get",
            "can someone explain the new rules to me?",
            "I kill it at this game every weekend haha",
            "that movie was [so bad|dreadful|painfully boring], what a waste of two hours",
            "{PERSON}, I think you made a mistake in the second paragraph",
            "welcome to the forum {PERSON}, glad you joined",
            "the fight scene in the final episode was brutal, loved it",
            "[damn|wow], this traffic in {LOCATION} is insane today",
            "please stop sending me marketing emails",
            "you're right, I misread the [instructions|manual]",
            "I'm sick of waiting on hold for an hour",
            "see you all at the meetup in {LOCATION} on {DATE}",
            "my {PRODUCT} died again, I'm losing my mind",
            "honest feedback: the new design is confusing",
            "I respectfully disagree, {PERSON}, the data says otherwise");
}
