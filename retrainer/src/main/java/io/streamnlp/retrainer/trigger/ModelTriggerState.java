package io.streamnlp.retrainer.trigger;

import java.util.Map;
import java.util.TreeMap;

/**
 * Trigger state of one model, the value of the trigger's state store.
 *
 * @param lastRequestMillis   event time of the model's last retrain request, or null if none yet
 * @param lastRequestVersion  the model version that request was about, or null
 * @param requestsForVersion  requests made in a row about that version (0 in states written before it was kept)
 * @param tasks               state per task
 */
public record ModelTriggerState(
        Long lastRequestMillis,
        String lastRequestVersion,
        int requestsForVersion,
        Map<String, TaskTriggerState> tasks) {

    public ModelTriggerState {
        tasks = Map.copyOf(new TreeMap<>(tasks));
    }

    static ModelTriggerState empty() {
        return new ModelTriggerState(null, null, 0, Map.of());
    }

    TaskTriggerState task(String task) {
        return tasks.getOrDefault(task, TaskTriggerState.empty());
    }

    ModelTriggerState withTask(String task, TaskTriggerState state) {
        Map<String, TaskTriggerState> copy = new TreeMap<>(tasks);
        copy.put(task, state);
        return new ModelTriggerState(lastRequestMillis, lastRequestVersion, requestsForVersion, copy);
    }

    /** Records a request about {@code version}, counting it onto the earlier ones about the same version. */
    ModelTriggerState withLastRequest(long millis, String version) {
        return new ModelTriggerState(millis, version, requestsInARow(version) + 1, tasks);
    }

    /** Requests made in a row about {@code version} so far. */
    int requestsInARow(String version) {
        return version.equals(lastRequestVersion) ? requestsForVersion : 0;
    }
}
