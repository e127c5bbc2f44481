package io.streamnlp.registry;

import java.util.List;

/** Outcome of checking a version: sound when {@link #problems()} is empty. */
public record VerificationReport(ModelVersion version, List<String> problems) {

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public boolean sound() {
        return problems.isEmpty();
    }
}
