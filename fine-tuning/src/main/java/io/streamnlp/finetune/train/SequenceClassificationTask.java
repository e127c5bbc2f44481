package io.streamnlp.finetune.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.EncoderWithHead;
import io.streamnlp.finetune.model.SentenceClassifier;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sequence classification: softmax cross-entropy on the pooled embedding, scored by dev accuracy. */
public final class SequenceClassificationTask implements FineTuneTask<ClassificationReport> {

    private final SentenceClassifier classifier;
    private final EncoderTokenizer tokenizer;
    private final List<LabeledText> train;
    private final List<LabeledText> dev;
    private final long[] trainLabels;
    private final int[] trainTokens;
    private final int[] devTokens;

    /**
     * @throws IllegalArgumentException if either data set is empty or a training label is not one of the classifier's
     */
    public SequenceClassificationTask(
            SentenceClassifier classifier, EncoderTokenizer tokenizer, List<LabeledText> train, List<LabeledText> dev) {
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("training and dev data must not be empty");
        }
        this.classifier = classifier;
        this.tokenizer = tokenizer;
        this.train = List.copyOf(train);
        this.dev = List.copyOf(dev);
        Map<String, Integer> labelIndex = new HashMap<>();
        for (String label : classifier.labels()) {
            labelIndex.put(label, labelIndex.size());
        }
        trainLabels = new long[train.size()];
        trainTokens = new int[train.size()];
        for (int i = 0; i < train.size(); i++) {
            Integer label = labelIndex.get(train.get(i).label());
            if (label == null) {
                throw new IllegalArgumentException(
                        "training label '" + train.get(i).label() + "' is not one of " + classifier.labels());
            }
            trainLabels[i] = label;
            trainTokens[i] = tokenizer.length(train.get(i).text());
        }
        devTokens = dev.stream().mapToInt(t -> tokenizer.length(t.text())).toArray();
    }

    @Override
    public EncoderWithHead block() {
        return classifier;
    }

    @Override
    public Loss loss() {
        return Loss.softmaxCrossEntropyLoss();
    }

    @Override
    public int trainingExamples() {
        return train.size();
    }

    @Override
    public int tokens(int example) {
        return trainTokens[example];
    }

    @Override
    public int devExamples() {
        return dev.size();
    }

    @Override
    public int devTokens(int example) {
        return devTokens[example];
    }

    /** The head reads unit vectors and needs large weights for confident logits (docs/fine-tuning.md, Results). */
    @Override
    public float headLearningRate() {
        return 3e-2f;
    }

    @Override
    public Batch batch(int[] rows, NDManager manager) {
        List<String> texts = new ArrayList<>(rows.length);
        long[] labels = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            texts.add(train.get(rows[i]).text());
            labels[i] = trainLabels[rows[i]];
        }
        return new Batch(tokenizer.encode(texts).toNDList(manager), new NDList(manager.create(labels)));
    }

    @Override
    public Evaluation<ClassificationReport> evaluate(Trainer trainer) {
        String[] predicted = new String[dev.size()];
        for (int[] rows : DevBatches.byLength(devTokens)) {
            List<String> texts = new ArrayList<>(rows.length);
            for (int row : rows) {
                texts.add(dev.get(row).text());
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
                long[] top = trainer.evaluate(tokenizer.encode(texts).toNDList(m))
                        .singletonOrThrow()
                        .argMax(1)
                        .toLongArray();
                for (int i = 0; i < rows.length; i++) {
                    predicted[rows[i]] = classifier.labels().get((int) top[i]);
                }
            }
        }
        ClassificationReport report =
                ClassificationReport.of(dev.stream().map(LabeledText::label).toList(), List.of(predicted));
        return new Evaluation<>(report.accuracy(), report);
    }

    @Override
    public String scoreName() {
        return "accuracy";
    }
}
