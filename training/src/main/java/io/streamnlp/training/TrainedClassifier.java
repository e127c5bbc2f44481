package io.streamnlp.training;

import io.streamnlp.training.heads.Head;
import io.streamnlp.training.metrics.ClassificationReport;
import java.util.List;
import java.util.Optional;

/**
 * A classification head with its scores on the dev set (absent when no dev set was given) and the rows it
 * learned from: each training text once per {@link io.streamnlp.training.heads.TrainingEncoders training encoder}.
 */
public record TrainedClassifier(String task, Head head, ClassificationReport dev, List<TextFeatures> trainFeatures) {

    public TrainedClassifier {
        trainFeatures = List.copyOf(trainFeatures);
    }

    public Optional<ClassificationReport> devReport() {
        return Optional.ofNullable(dev);
    }
}
