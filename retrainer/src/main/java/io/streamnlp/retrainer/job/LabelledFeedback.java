package io.streamnlp.retrainer.job;

import io.streamnlp.schemas.avro.Feedback;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of one model's task among the feedback records offered, one per event: when an event
 * was labelled more than once, the label given last ({@code created_at}; on a tie, the record read
 * later) wins, so a correction replaces the mistake it corrects.
 */
public final class LabelledFeedback {

    private final String model;
    private final String task;
    private final boolean countsUnattributed;
    private final Map<String, FeedbackExample> byEvent = new HashMap<>();
    private long ignored;

    /**
     * @param model feedback that names another model is ignored
     * @param defaultModel the model that feedback naming no model is for (as the trigger counts it)
     */
    public LabelledFeedback(String model, String task, String defaultModel) {
        this.model = model;
        this.task = task;
        this.countsUnattributed = model.equals(defaultModel);
    }

    /** @return whether the record is a label of this model's task */
    public boolean offer(Feedback feedback) {
        String label = feedback.getLabel() == null ? "" : feedback.getLabel().strip();
        boolean relevant = task.equals(feedback.getTask())
                && !label.isEmpty()
                && !feedback.getText().isBlank()
                && (feedback.getModel() == null
                        ? countsUnattributed
                        : model.equals(feedback.getModel().getName()));
        if (!relevant) {
            ignored++;
            return false;
        }
        FeedbackExample example =
                new FeedbackExample(feedback.getEventId(), feedback.getText(), label, feedback.getCreatedAt());
        byEvent.merge(
                example.eventId(),
                example,
                (earlier, later) -> later.createdAt().isBefore(earlier.createdAt()) ? earlier : later);
        return true;
    }

    /** One example per event, oldest first. */
    public List<FeedbackExample> oldestFirst() {
        List<FeedbackExample> examples = new ArrayList<>(byEvent.values());
        examples.sort(FeedbackExample.BY_TIME);
        return examples;
    }

    /** Records offered that were not labels of this task (other tasks or models, no label). */
    public long ignored() {
        return ignored;
    }
}
