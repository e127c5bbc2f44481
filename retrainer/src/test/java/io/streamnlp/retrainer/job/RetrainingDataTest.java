package io.streamnlp.retrainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.ModelRef;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.heads.TrainingConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetrainingDataTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void latestLabelOfAnEventWinsAndOtherTasksAndModelsAreIgnored() {
        LabelledFeedback labels = new LabelledFeedback("default", "category", "default");
        assertTrue(labels.offer(feedback("e1", "category", "billing", 2, null)));
        assertTrue(labels.offer(feedback("e1", "category", "refund", 5, "default")));
        assertTrue(labels.offer(feedback("e1", "category", "shipping", 3, null)));
        assertTrue(labels.offer(feedback("e2", "category", " account ", 1, null)));
        assertFalse(labels.offer(feedback("e3", "sentiment", "negative", 1, null)));
        assertFalse(labels.offer(feedback("e4", "category", "billing", 1, "other-model")));
        assertFalse(labels.offer(feedback("e5", "category", null, 1, null)));

        List<FeedbackExample> examples = labels.oldestFirst();
        assertEquals(
                List.of("e2", "e1"),
                examples.stream().map(FeedbackExample::eventId).toList());
        assertEquals(
                List.of("account", "refund"),
                examples.stream().map(FeedbackExample::label).toList());
        assertEquals(3, labels.ignored());

        LabelledFeedback other = new LabelledFeedback("other-model", "category", "default");
        assertFalse(
                other.offer(feedback("e1", "category", "billing", 2, null)),
                "unattributed feedback is the default model's");
        assertTrue(other.offer(feedback("e4", "category", "billing", 1, "other-model")));
    }

    @Test
    void holdsOutAnEvenSampleInTimeWhateverTheReadOrder() {
        List<FeedbackExample> feedback = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            feedback.add(new FeedbackExample("e" + i, "text " + i, i % 2 == 0 ? "a" : "b", T0.plusSeconds(i)));
        }
        List<FeedbackExample> shuffled = new ArrayList<>(feedback);
        Collections.shuffle(shuffled, new Random(3));
        List<LabeledText> original = List.of(new LabeledText("seed", "a"));

        RetrainingData data = RetrainingData.split(original, shuffled, 0.2);
        assertEquals(
                List.of("e4", "e9"),
                data.holdout().stream().map(FeedbackExample::eventId).toList());
        List<FeedbackExample> trained = new ArrayList<>(feedback);
        trained.removeAll(data.holdout());
        assertEquals(trained, data.feedbackTrain());
        assertEquals(9, data.training().size());
        assertEquals(new LabeledText("seed", "a"), data.training().get(0));
        assertEquals(RetrainingData.split(original, feedback, 0.2), data);

        TrainingConfig recipe = TrainingConfig.classification();
        String fingerprint = data.fingerprint("category", "sha256:parent", recipe);
        assertEquals(
                fingerprint,
                RetrainingData.split(original, feedback, 0.2).fingerprint("category", "sha256:parent", recipe));
        assertNotEquals(fingerprint, data.fingerprint("category", "sha256:other", recipe));
        assertNotEquals(
                fingerprint,
                RetrainingData.split(original, feedback, 0.3).fingerprint("category", "sha256:parent", recipe));
    }

    @Test
    void alwaysKeepsOneExampleOnEachSide() {
        List<FeedbackExample> two =
                List.of(new FeedbackExample("x", "t", "a", T0), new FeedbackExample("y", "u", "b", T0));
        RetrainingData data = RetrainingData.split(List.of(), two, 0.9);
        assertEquals(1, data.feedbackTrain().size());
        assertEquals("y", data.holdout().get(0).eventId());
        RetrainingData tiny = RetrainingData.split(List.of(), two, 0.1);
        assertEquals(
                List.of("y"),
                tiny.holdout().stream().map(FeedbackExample::eventId).toList());
        assertEquals(
                List.of("x"),
                tiny.feedbackTrain().stream().map(FeedbackExample::eventId).toList());
    }

    @Test
    void promotionNeedsAStrictWinByTheMargin() {
        PromotionPolicy policy = PromotionPolicy.defaults();
        assertTrue(policy.promotes(new HoldoutScores(0.52, 0.1, 50), new HoldoutScores(0.50, 0.9, 50)));
        assertFalse(policy.promotes(new HoldoutScores(0.51, 1.0, 50), new HoldoutScores(0.50, 0.0, 50)));
        assertFalse(new PromotionPolicy(PromotionPolicy.Metric.MACRO_F1, 0)
                .promotes(new HoldoutScores(1, 0.7, 5), new HoldoutScores(0, 0.7, 5)));
        assertTrue(new PromotionPolicy(PromotionPolicy.Metric.MACRO_F1, 0)
                .promotes(new HoldoutScores(0, 0.71, 5), new HoldoutScores(1, 0.7, 5)));
    }

    private static Feedback feedback(String eventId, String task, String label, int minute, String model) {
        return Feedback.newBuilder()
                .setEventId(eventId)
                .setText("text of " + eventId)
                .setTask(task)
                .setLabel(label)
                .setModel(
                        model == null
                                ? null
                                : ModelRef.newBuilder()
                                        .setName(model)
                                        .setVersion("1")
                                        .setDigest("sha256:x")
                                        .build())
                .setAnnotator("tester")
                .setCreatedAt(T0.plusSeconds(60L * minute))
                .build();
    }
}
