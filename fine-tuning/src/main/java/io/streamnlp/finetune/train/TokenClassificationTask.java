package io.streamnlp.finetune.train;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.EncoderWithHead;
import io.streamnlp.finetune.model.TokenClassifier;
import io.streamnlp.inference.encoder.TokenAlignment;
import io.streamnlp.inference.encoder.TokenBatch;
import io.streamnlp.training.data.Iob2;
import io.streamnlp.training.data.TaggedSentence;
import io.streamnlp.training.heads.WordTokens;
import io.streamnlp.training.metrics.NerReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Token classification (NER) on CoNLL sentences. Training labels every first sub-word of every
 * tokenizer word from the CoNLL word it lies in, exactly as head-only NER training and the serving
 * NER head do ({@link WordTokens}); dev scoring reads the first sub-word of each CoNLL word and
 * computes seqeval's entity F1, which picks the checkpoint.
 */
public final class TokenClassificationTask implements FineTuneTask<NerReport> {

    private static final String OUTSIDE = "O";

    private final TokenClassifier classifier;
    private final Encoding[] train;
    private final int[][] trainLabels;
    private final Encoding[] dev;
    private final int[][] devFirstSubwords;
    private final List<List<String>> devGold;

    /**
     * @throws IllegalArgumentException if either data set is empty or a training tag is not one of the classifier's labels
     */
    public TokenClassificationTask(
            TokenClassifier classifier,
            EncoderTokenizer tokenizer,
            List<TaggedSentence> train,
            List<TaggedSentence> dev) {
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("training and dev data must not be empty");
        }
        this.classifier = classifier;
        Map<String, Integer> labelIndex = new HashMap<>();
        for (String label : classifier.labels()) {
            labelIndex.put(label, labelIndex.size());
        }
        this.train = tokenizer.tokenize(train.stream().map(TaggedSentence::text).toList());
        trainLabels = new int[train.size()][];
        for (int i = 0; i < train.size(); i++) {
            int[] labels = new int[this.train[i].getIds().length];
            Arrays.fill(labels, -1);
            TaggedSentence sentence = train.get(i);
            for (WordTokens.LabelledToken t :
                    WordTokens.labelled(sentence, TokenAlignment.of(sentence.text(), this.train[i]))) {
                Integer label = labelIndex.get(t.tag());
                if (label == null) {
                    throw new IllegalArgumentException(
                            "training tag '" + t.tag() + "' is not one of " + classifier.labels());
                }
                labels[t.token()] = label;
            }
            trainLabels[i] = labels;
        }
        this.dev = tokenizer.tokenize(dev.stream().map(TaggedSentence::text).toList());
        devFirstSubwords = new int[dev.size()][];
        for (int i = 0; i < dev.size(); i++) {
            devFirstSubwords[i] = WordTokens.firstSubwords(
                    dev.get(i), TokenAlignment.of(dev.get(i).text(), this.dev[i]));
        }
        devGold = dev.stream().map(s -> Iob2.bundleSafe(s.tags())).toList();
    }

    /**
     * The labels to train for {@code train}: {@code O} and, for every entity type tagged in it, its
     * {@code B-} and {@code I-} tags (a word split by the tokenizer continues as {@code I-} even
     * where the data has no {@code I-} tag of that type).
     */
    public static List<String> labelsOf(List<TaggedSentence> train) {
        TreeSet<String> labels = new TreeSet<>();
        labels.add(OUTSIDE);
        for (TaggedSentence sentence : train) {
            for (String tag : Iob2.bundleSafe(sentence.tags())) {
                if (!OUTSIDE.equals(tag)) {
                    labels.add("B-" + Iob2.type(tag));
                    labels.add("I-" + Iob2.type(tag));
                }
            }
        }
        return List.copyOf(labels);
    }

    @Override
    public EncoderWithHead block() {
        return classifier;
    }

    @Override
    public Loss loss() {
        return new MaskedTokenCrossEntropy();
    }

    @Override
    public int trainingExamples() {
        return train.length;
    }

    @Override
    public int tokens(int example) {
        return train[example].getIds().length;
    }

    @Override
    public Batch batch(int[] rows, NDManager manager) {
        Encoding[] encodings = new Encoding[rows.length];
        for (int i = 0; i < rows.length; i++) {
            encodings[i] = train[rows[i]];
        }
        TokenBatch batch = TokenBatch.of(encodings);
        long[] ids = new long[batch.size() * batch.length()];
        float[] mask = new float[ids.length];
        for (int i = 0; i < rows.length; i++) {
            int[] labels = trainLabels[rows[i]];
            for (int t = 0; t < labels.length; t++) {
                if (labels[t] >= 0) {
                    ids[i * batch.length() + t] = labels[t];
                    mask[i * batch.length() + t] = 1f;
                }
            }
        }
        Shape shape = new Shape(batch.size(), batch.length());
        return new Batch(batch.toNDList(manager), new NDList(manager.create(ids, shape), manager.create(mask, shape)));
    }

    @Override
    public int devExamples() {
        return dev.length;
    }

    @Override
    public int devTokens(int example) {
        return dev[example].getIds().length;
    }

    /** The rate of the measured WNUT-17 run: the head reads raw token states, not unit vectors (docs/fine-tuning.md). */
    @Override
    public float headLearningRate() {
        return 1e-3f;
    }

    @Override
    public Evaluation<NerReport> evaluate(Trainer trainer) {
        List<List<String>> predicted = new ArrayList<>(dev.length);
        for (int i = 0; i < dev.length; i++) {
            predicted.add(null);
        }
        int[] lengths = Arrays.stream(dev).mapToInt(e -> e.getIds().length).toArray();
        for (int[] rows : DevBatches.byLength(lengths)) {
            Encoding[] encodings = new Encoding[rows.length];
            for (int i = 0; i < rows.length; i++) {
                encodings[i] = dev[rows[i]];
            }
            TokenBatch batch = TokenBatch.of(encodings);
            try (NDManager m = trainer.getManager().newSubManager()) {
                long[] top = trainer.evaluate(batch.toNDList(m))
                        .singletonOrThrow()
                        .argMax(2)
                        .toLongArray();
                for (int i = 0; i < rows.length; i++) {
                    List<String> tags = new ArrayList<>();
                    for (int token : devFirstSubwords[rows[i]]) {
                        tags.add(token < 0 ? OUTSIDE : classifier.labels().get((int) top[i * batch.length() + token]));
                    }
                    predicted.set(rows[i], tags);
                }
            }
        }
        NerReport report = NerReport.of(devGold, predicted);
        return new Evaluation<>(report.f1(), report);
    }

    @Override
    public String scoreName() {
        return "entity F1";
    }
}
