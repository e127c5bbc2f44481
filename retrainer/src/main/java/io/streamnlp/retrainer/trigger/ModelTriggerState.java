package io.streamnlp.retrainer.trigger;

import java.util.Map;
import java.util.TreeMap;

/**
 * Trigger state of one model, the value of the trigger's state store.
 *
 * @param lastRequestMillis event time of the model's last retrain request, or null if none yet
 * @param tasks             state per task
 */
public record ModelTriggerState(Long lastRequestMillis, Map<String, TaskTriggerState> tasks) {

    public ModelTriggerState {
        tasks = Map.copyOf(new TreeMap<>(tasks));
    }

    static ModelTriggerState empty() {
        return new ModelTriggerState(null, Map.of());
    }

    TaskTriggerState task(String task) {
        return tasks.getOrDefault(task, TaskTriggerState.empty());
    }

    ModelTriggerState withTask(String task, TaskTriggerState state) {
        Map<String, TaskTriggerState> copy = new TreeMap<>(tasks);
        copy.put(task, state);
        return new ModelTriggerState(lastRequestMillis, copy);
    }

    ModelTriggerState withLastRequest(long millis) {
        return new ModelTriggerState(millis, tasks);
    }
}
