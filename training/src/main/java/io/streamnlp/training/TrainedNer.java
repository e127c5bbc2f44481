package io.streamnlp.training;

import io.streamnlp.training.heads.Head;
import io.streamnlp.training.metrics.NerReport;
import java.util.Optional;

/**
 * A NER head over windowed token states (and the words' orthographic features if {@code orthographic}),
 * with its entity-level scores on the dev set (if one was given).
 */
public record TrainedNer(Head head, int contextWindow, boolean orthographic, NerReport dev) {

    public Optional<NerReport> devReport() {
        return Optional.ofNullable(dev);
    }
}
