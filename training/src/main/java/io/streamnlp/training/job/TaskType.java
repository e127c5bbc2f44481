package io.streamnlp.training.job;

import java.util.Locale;

/** What a training or evaluation run is about. */
public enum TaskType {
    CLASSIFICATION,
    NER,
    SUMMARIZATION;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
