package io.streamnlp.training.seed;

import java.util.List;
import java.util.Map;

/**
 * Support-ticket bodies per category, plus sentiment and urgency phrases that are combined with any
 * body, so that the three labels vary independently. Syntax: see {@link TemplateExpander}.
 */
final class TicketTemplates {
    private TicketTemplates() {}

    static final List<String> CATEGORIES =
            List.of("billing", "shipping", "account", "technical", "refund", "product_question");
    static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");
    static final List<String> URGENCIES = List.of("low", "normal", "high");

    static final Map<String, List<String>> BODIES = Map.of(
            "billing",
                    List.of(
                            "I was charged {MONEY} twice for order {ORDER_ID} on {DATE}.",
                            "[My|Our] invoice {ORDER_ID} shows {MONEY} but the [price|total] at checkout was {MONEY}.",
                            "Why did my {PRODUCT} subscription renew on {DATE}? I [cancelled|canceled] it [last month|weeks ago].",
                            "There is an unknown charge of {MONEY} from {ORG} on my [card|credit card|statement].",
                            "Can you send me a [VAT invoice|receipt|copy of the invoice] for {ORDER_ID} to {EMAIL}?",
                            "My payment with {ORG} [failed|was declined] but the money ({MONEY}) left my account.",
                            "The [monthly fee|plan price] went up to {MONEY} without any notice.",
                            "Please update the billing address on account {ORDER_ID} to our office in {LOCATION}.",
                            "I [got|received] a late payment fee of {MONEY} although I paid on {DATE}.",
                            "{PERSON} from your sales team promised a discount, but I was billed the full {MONEY}.",
                            "How do I change the card used for my {PRODUCT} plan?",
                            "The tax on invoice {ORDER_ID} looks wrong for an address in {LOCATION}."),
            "shipping",
                    List.of(
                            "My order {ORDER_ID} [still hasn't arrived|has not arrived yet|never showed up], it was due on {DATE}.",
                            "The tracking for {ORDER_ID} has said 'in transit' in {LOCATION} for [a week|ten days|days].",
                            "{ORG} says the parcel was delivered but [nothing is here|I never got it|my doorstep is empty].",
                            "Can you ship my {PRODUCT} to {LOCATION} instead? I [moved|am travelling] [this week|on {DATE}].",
                            "The box with my {PRODUCT} arrived [crushed|damaged|soaking wet] and the item is [broken|scratched].",
                            "Do you deliver to {LOCATION}, and how long does [shipping|delivery] take?",
                            "I paid {MONEY} for express delivery but order {ORDER_ID} took two weeks.",
                            "Only half of order {ORDER_ID} arrived, the {PRODUCT} is missing from the [box|package].",
                            "The courier from {ORG} [left|dropped] my parcel with a neighbour I don't know.",
                            "When will the {PRODUCT} be back in stock and shipped? I ordered on {DATE}.",
                            "Please change the delivery address for {ORDER_ID} before it leaves the warehouse in {LOCATION}.",
                            "My package is stuck at customs in {LOCATION}, what do I need to do?"),
            "account",
                    List.of(
                            "I can't log in to my account, the password reset email never reaches {EMAIL}.",
                            "Please change the email on account {ORDER_ID} from {EMAIL} to {EMAIL}.",
                            "My account was locked after [too many|three] failed login attempts.",
                            "Someone [logged into|accessed] my account from {LOCATION} on {DATE}, it wasn't me.",
                            "How do I delete my account and all my data?",
                            "I want to add {PERSON} as a second user on our company account.",
                            "The two-factor code is not [arriving|coming through] on my phone any more.",
                            "Can you merge my two accounts? One uses {EMAIL} and the other {EMAIL}.",
                            "My username was changed [without my permission|by itself] on {DATE}.",
                            "I [signed up|registered] with {EMAIL} but never got the verification link.",
                            "Please transfer the {PRODUCT} license to my colleague {PERSON}.",
                            "How can I download a copy of my personal data for account {ORDER_ID}?"),
            "technical",
                    List.of(
                            "My {PRODUCT} keeps [restarting|crashing|freezing] [every few minutes|after the update|when I open the app].",
                            "The {PRODUCT} won't connect to wifi since the firmware update on {DATE}.",
                            "The app shows error 500 when I try to sync my {PRODUCT}.",
                            "The battery on my {PRODUCT} drains [in two hours|overnight|way too fast] now.",
                            "After the latest update the {PRODUCT} screen [stays black|flickers|is frozen].",
                            "Bluetooth pairing between my phone and the {PRODUCT} fails [every time|most of the time].",
                            "The website [keeps timing out|will not load|shows a blank page] at checkout.",
                            "Our team in {LOCATION} cannot reach the {PRODUCT} dashboard, it says 'service unavailable'.",
                            "The {PRODUCT} makes a loud [clicking|buzzing|grinding] noise when it starts.",
                            "[Installing|Setting up] the {PRODUCT} fails at 90% with error code E42.",
                            "Notifications from the {PRODUCT} app stopped working [on my phone|after I reinstalled it].",
                            "{PERSON} from IT says the {PRODUCT} API returns timeouts since {DATE}."),
            "refund",
                    List.of(
                            "I returned the {PRODUCT} on {DATE} and still have not received my refund of {MONEY}.",
                            "I would like a refund for order {ORDER_ID}, the item does not match the description.",
                            "[How long|How many days] does a refund take to reach my {ORG} card?",
                            "You refunded {MONEY} but I paid {MONEY} for order {ORDER_ID}.",
                            "Can I get my money back for the {PRODUCT} subscription? I [never used|did not use] it.",
                            "I want to return the {PRODUCT}, it [stopped working|broke] after a week.",
                            "The refund for {ORDER_ID} was promised by {PERSON} [last week|on {DATE}] but nothing came.",
                            "Please cancel order {ORDER_ID} and refund the {MONEY} to my {ORG} account.",
                            "My return label for the {PRODUCT} [does not work|was rejected] at the {ORG} drop-off.",
                            "I was told I would get a full refund, but only {MONEY} came back.",
                            "Is the shipping cost of {MONEY} refunded as well when I return order {ORDER_ID}?",
                            "I sent the {PRODUCT} back from {LOCATION} on {DATE}, please confirm the refund."),
            "product_question",
                    List.of(
                            "Does the {PRODUCT} work with [Android|iPhone|Windows laptops|a Mac]?",
                            "What is the difference between the {PRODUCT} and the {PRODUCT}?",
                            "Is the {PRODUCT} [waterproof|dishwasher safe|suitable for kids]?",
                            "How much does the {PRODUCT} cost in {LOCATION}, and is it under {MONEY}?",
                            "Can the {PRODUCT} be used [outdoors|in the rain|while charging]?",
                            "Does the {PRODUCT} come with a warranty, and for how long?",
                            "Which charger do I need for the {PRODUCT}?",
                            "Will there be a new version of the {PRODUCT} [this year|soon|before {DATE}]?",
                            "Is the {PRODUCT} sold in stores in {LOCATION} or only online?",
                            "How many devices can I connect to one {PRODUCT} at the same time?",
                            "What size is the {PRODUCT}, will it fit in a small apartment?",
                            "Do you offer a student discount on the {PRODUCT}?"));

    static final Map<String, List<String>> SENTIMENT_PHRASES = Map.of(
            "negative",
                    List.of(
                            "This is [really|totally|completely] unacceptable.",
                            "I am [extremely|very|so] frustrated with this.",
                            "Honestly the worst service I have ever had.",
                            "Very disappointed with {ORG}.",
                            "I'm fed up, this is the third time I'm writing.",
                            "Nobody answers and I'm getting angry.",
                            "Terrible experience so far.",
                            "I regret buying from you."),
            "neutral",
                    List.of(
                            "",
                            "",
                            "Please advise.",
                            "Let me know [what you need from me|the next steps].",
                            "Thanks.",
                            "Regards, {PERSON}",
                            "Could you check this?"),
            "positive",
                    List.of(
                            "Thanks a lot, your team has always been [great|wonderful|fantastic]!",
                            "Love the product otherwise, keep up the great work!",
                            "You were super helpful last time, thank you so much!",
                            "Really happy with {ORG} so far, just this small thing.",
                            "Appreciate the quick support, you guys are awesome!",
                            "Great service as always, many thanks!"));

    /** Openers go before the body, closers after it. */
    static final Map<String, List<String>> URGENCY_OPENERS = Map.of(
            "low", List.of("No rush, ", "Whenever you have a moment: ", "Not urgent, but ", "", ""),
            "normal", List.of("", "", "Hello, ", "Hi, "),
            "high", List.of("URGENT: ", "Urgent - ", "ASAP please: ", "Emergency: ", ""));

    static final Map<String, List<String>> URGENCY_CLOSERS = Map.of(
            "low",
                    List.of(
                            "It can wait until next week.",
                            "No hurry, just wanted to flag it.",
                            "Whenever is convenient is fine.",
                            "Low priority for me."),
            "normal", List.of("", "", "Could you look into it?", "Thank you for checking."),
            "high",
                    List.of(
                            "I need this [fixed|resolved|sorted out] today!",
                            "Please help immediately, this is blocking our whole team.",
                            "This needs to be fixed right now.",
                            "We are losing money every hour this is not solved.",
                            "Please call me back [as soon as possible|within the hour]."));
}
