package io.streamnlp.training.eval;

import io.streamnlp.training.job.TaskType;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code streamnlp eval} run.
 *
 * @param task what to score
 * @param model {@code NAME}, {@code NAME@ALIAS} or {@code NAME:VERSION}
 * @param test test data
 * @param head classification task inside the bundle, or null when the bundle has exactly one
 */
public record EvalRequest(TaskType task, String model, Path test, String head) {
    public EvalRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(test, "test");
    }
}
