package io.streamnlp.training;

import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.heads.Head;
import io.streamnlp.training.heads.HeadTrainer;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.heads.TrainingEncoders;
import io.streamnlp.training.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a classification head on the sentence embeddings of the shared encoder: of each training text by every
 * {@link TrainingEncoders training encoder} (so at fp32 and at int8 where the encoder has an int8 twin), of each
 * dev text by the primary.
 */
public final class ClassifierTraining {
    private final TrainingEncoders encoders;
    private final TrainingConfig config;
    private final ProgressListener progress;

    public ClassifierTraining(TrainingEncoders encoders, TrainingConfig config, ProgressListener progress) {
        this.encoders = encoders;
        this.config = config;
        this.progress = progress;
    }

    /** @param dev scored after training; empty for none */
    public TrainedClassifier train(String task, List<LabeledText> train, List<LabeledText> dev) {
        List<TextFeatures> trainFeatures = encoders.encodeEach("encoding " + task, texts(train), TextFeatures::of);
        List<float[]> devEmbeddings = dev.isEmpty()
                ? List.of()
                : encoders.primaryBatched().embeddings("encoding " + task + " dev", texts(dev));
        return fit(task, trainFeatures, encoders.perEncoder(labels(train)), devEmbeddings, labels(dev));
    }

    /** Trains on texts encoded already (several tasks over the same texts share one encoding). */
    public TrainedClassifier fit(
            String task,
            List<TextFeatures> train,
            List<String> trainLabels,
            List<float[]> devEmbeddings,
            List<String> devLabels) {
        // the dev set also drives early stopping and temperature scaling when the config asks for them
        Head head = new HeadTrainer(config, progress)
                .fit("training " + task, embeddings(train), trainLabels, devEmbeddings, devLabels)
                .head();
        ClassificationReport report = devEmbeddings.isEmpty() ? null : evaluate(head, devEmbeddings, devLabels);
        return new TrainedClassifier(task, head, report, train);
    }

    public static ClassificationReport evaluate(Head head, List<float[]> embeddings, List<String> gold) {
        List<String> predicted = new ArrayList<>(embeddings.size());
        for (float[] e : embeddings) {
            predicted.add(head.predict(e));
        }
        return ClassificationReport.of(gold, predicted);
    }

    public static List<float[]> embeddings(List<TextFeatures> features) {
        return features.stream().map(TextFeatures::embedding).toList();
    }

    public static List<String> texts(List<LabeledText> examples) {
        return examples.stream().map(LabeledText::text).toList();
    }

    public static List<String> labels(List<LabeledText> examples) {
        return examples.stream().map(LabeledText::label).toList();
    }
}
