package io.streamnlp.inference.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A deterministic corpus of support-ticket-like texts of mixed length, written from the project's
 * own sentence templates. Lengths are drawn log-uniformly between 8 and 300 words (about 10 to 400
 * word-piece tokens), so short and long texts are mixed the way a live stream mixes them.
 */
public final class BenchmarkCorpus {

    static final int MIN_WORDS = 8;
    static final int MAX_WORDS = 300;

    private static final String[] PRODUCTS = {
        "laptop",
        "phone",
        "tablet",
        "router",
        "headset",
        "smart watch",
        "coffee machine",
        "monitor",
        "keyboard",
        "printer",
        "camera",
        "speaker"
    };
    private static final String[] NAMES = {
        "Maria Lopez",
        "John Smith",
        "Aiko Tanaka",
        "Olu Adeyemi",
        "Priya Patel",
        "Lars Nilsson",
        "Chen Wei",
        "Fatima Zahra",
        "Tom Becker",
        "Ana Costa"
    };
    private static final String[] CITIES = {
        "Berlin", "Lagos", "Osaka", "Lisbon", "Toronto", "Pune", "Austin", "Gothenburg", "Nairobi", "Lyon"
    };
    private static final String[] TEMPLATES = {
        "I ordered a %p on Monday and it still has not arrived in %c.",
        "My order %o was charged twice and I would like a refund for the second payment.",
        "The %p stops working after a few minutes and restarts on its own.",
        "%n from your support team promised a call back but nobody called.",
        "Can you tell me when the %p will be back in stock?",
        "The tracking page for order %o has not changed for five days.",
        "I was billed for a subscription that I cancelled last month.",
        "The app crashes every time I try to pair it with my %p.",
        "Please update the delivery address for order %o to our office in %c.",
        "The battery of the %p drains in less than two hours even when it is idle.",
        "Your courier left the parcel outside in the rain and the %p is damaged.",
        "I cannot log in to my account since the last update.",
        "The invoice for order %o shows the wrong tax rate for %c.",
        "Thanks to %n the problem with my %p was solved quickly.",
        "The screen of the %p flickers whenever the brightness is below half.",
        "I would like to return the %p because it does not fit my needs.",
        "The password reset email never reaches my inbox.",
        "Is there a warranty extension for the %p that I bought in %c?",
        "After the firmware update the %p no longer connects to the network.",
        "The discount code from the newsletter is rejected at checkout.",
    };

    private BenchmarkCorpus() {}

    /** {@code count} texts from {@code seed}; the same arguments always give the same texts. */
    public static List<String> generate(int count, long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double logWords = Math.log(MIN_WORDS) + random.nextDouble() * (Math.log(MAX_WORDS) - Math.log(MIN_WORDS));
            texts.add(text((int) Math.round(Math.exp(logWords)), random));
        }
        return texts;
    }

    /** Texts of about {@code words} words each, for fixed-length measurements. */
    public static List<String> fixedLength(int count, int words, long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(text(words, random));
        }
        return texts;
    }

    private static String text(int targetWords, Random random) {
        StringBuilder sb = new StringBuilder();
        int words = 0;
        while (words < targetWords) {
            String sentence = fill(TEMPLATES[random.nextInt(TEMPLATES.length)], random);
            String[] parts = sentence.split(" ");
            if (words + parts.length > targetWords && words > 0) {
                int keep = targetWords - words;
                sentence = String.join(" ", Arrays.copyOf(parts, keep)) + ".";
                parts = new String[keep];
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(sentence);
            words += parts.length;
        }
        return sb.toString();
    }

    private static String fill(String template, Random random) {
        return template.replace("%p", PRODUCTS[random.nextInt(PRODUCTS.length)])
                .replace("%n", NAMES[random.nextInt(NAMES.length)])
                .replace("%c", CITIES[random.nextInt(CITIES.length)])
                .replace("%o", "A-" + (100000 + random.nextInt(900000)));
    }
}
