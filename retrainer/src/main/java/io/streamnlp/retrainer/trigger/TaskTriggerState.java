package io.streamnlp.retrainer.trigger;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trigger state of one model and task.
 *
 * @param modelVersion        version the streaks were observed on; a new version starts with no streaks
 * @param lastWindowEndMillis end of the latest window applied; older or repeated reports are ignored
 * @param newFeedback         feedback labels for the task since the model's last retrain request
 * @param streaks             per metric, the evidence of its current run of consecutive drifted windows (at most K)
 */
public record TaskTriggerState(
        String modelVersion, long lastWindowEndMillis, long newFeedback, Map<String, List<Evidence>> streaks) {

    public TaskTriggerState {
        streaks = Map.copyOf(new TreeMap<>(streaks));
    }

    static TaskTriggerState empty() {
        return new TaskTriggerState(null, Long.MIN_VALUE, 0, Map.of());
    }

    TaskTriggerState withFeedback(long newFeedback) {
        return new TaskTriggerState(modelVersion, lastWindowEndMillis, newFeedback, streaks);
    }
}
