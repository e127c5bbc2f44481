package io.streamnlp.inference.hf;

import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.task.Entity;
import io.streamnlp.inference.task.EntityTask;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The pipeline's entity task served by a Hugging Face token classifier. */
public final class HfEntityTask implements EntityTask {

    private final HfTokenClassifier classifier;
    private final AggregationStrategy strategy;
    private final List<String> entityTypes;

    /** Takes ownership of {@code classifier}: closing the task closes it. */
    public HfEntityTask(HfTokenClassifier classifier, AggregationStrategy strategy) {
        this.classifier = classifier;
        this.strategy = strategy;
        Set<String> types = new LinkedHashSet<>();
        for (String label : classifier.labels()) {
            String type = withoutIobPrefix(label);
            if (!HfTokenClassifier.DEFAULT_IGNORE_LABELS.contains(type)) {
                types.add(type);
            }
        }
        this.entityTypes = List.copyOf(types);
    }

    @Override
    public List<String> entityTypes() {
        return entityTypes;
    }

    /** Entities as the transformers pipeline finds them; the text is the span of the input, not the joined tokens. */
    @Override
    public List<List<Entity>> extract(EncodedBatch batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            texts.add(batch.text(i));
        }
        List<TokenClassification> results = classifier.extract(texts, strategy);
        List<List<Entity>> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            List<Entity> entities = new ArrayList<>();
            for (TokenEntity e : results.get(i).entities()) {
                entities.add(new Entity(
                        withoutIobPrefix(e.label()),
                        text.substring(e.start(), e.end()),
                        e.start(),
                        e.end(),
                        e.score()));
            }
            out.add(entities);
        }
        return out;
    }

    @Override
    public void close() {
        classifier.close();
    }

    private static String withoutIobPrefix(String label) {
        return label.startsWith("B-") || label.startsWith("I-") ? label.substring(2) : label;
    }
}
