package io.streamnlp.inference.hf;

import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.inference.task.ClassificationTask;
import io.streamnlp.inference.task.LabelScore;
import java.util.ArrayList;
import java.util.List;

/** A pipeline classification task served by a Hugging Face sequence classifier (its own tokenizer and encoder). */
public final class HfClassificationTask implements ClassificationTask {

    private final String task;
    private final HfSequenceClassifier classifier;
    private final int topK;

    /** Takes ownership of {@code classifier}: closing the task closes it. */
    public HfClassificationTask(String task, HfSequenceClassifier classifier, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        this.task = task;
        this.classifier = classifier;
        this.topK = topK;
    }

    @Override
    public String task() {
        return task;
    }

    @Override
    public List<String> labels() {
        return classifier.labels();
    }

    @Override
    public List<Classification> classify(EncodedBatch batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            texts.add(batch.text(i));
        }
        List<Classification> out = new ArrayList<>(texts.size());
        for (SequenceClassification c : classifier.classify(texts)) {
            List<LabelScore> top = new ArrayList<>();
            for (ScoredLabel s : c.topK(topK)) {
                top.add(new LabelScore(s.label(), s.score()));
            }
            out.add(new Classification(task, c.top().label(), c.top().score(), top));
        }
        return out;
    }

    @Override
    public void close() {
        classifier.close();
    }
}
