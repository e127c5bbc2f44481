package io.streamnlp.retrainer.job;

import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.seed.SeedCorpus;
import io.streamnlp.training.seed.Split;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feedback after a shift: 20 labels of a category the default bundle has never seen
 * ({@value #NEW_CATEGORY}), interleaved in time with 20 labels of known categories from the seed dev
 * split, one minute apart, so the hold-out (every fifth label) holds both kinds.
 */
public final class NewCategoryFeedback {

    public static final String NEW_CATEGORY = "warranty";
    public static final int SIZE = 40;

    private NewCategoryFeedback() {}

    public static List<Feedback> labels(Instant start) {
        List<String> products = List.of("coffee maker", "vacuum cleaner", "blender", "desk lamp", "kettle");
        List<String> templates = List.of(
                "My %s broke after two months, is it still covered by the warranty?",
                "I want to file a warranty claim for my %s, it stopped working.",
                "Does the two year warranty on the %s include a free repair?",
                "How do I get my %s repaired or replaced under warranty?");
        List<LabeledText> known =
                SeedCorpus.bundled().classification("category", Split.DEV).subList(0, SIZE / 2);
        List<Feedback> feedback = new ArrayList<>();
        int i = 0;
        for (String template : templates) {
            for (String product : products) {
                feedback.add(label("known-" + i, known.get(i), start.plusSeconds(120L * i)));
                feedback.add(label(
                        "new-" + i,
                        new LabeledText(String.format(template, product), NEW_CATEGORY),
                        start.plusSeconds(120L * i + 60)));
                i++;
            }
        }
        return feedback;
    }

    private static Feedback label(String eventId, LabeledText example, Instant at) {
        return Feedback.newBuilder()
                .setEventId(eventId)
                .setText(example.text())
                .setTask("category")
                .setLabel(example.label())
                .setAnnotator("support-lead")
                .setCreatedAt(at)
                .build();
    }
}
