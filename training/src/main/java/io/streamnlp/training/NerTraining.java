package io.streamnlp.training;

import io.streamnlp.inference.heads.IobViterbi;
import io.streamnlp.inference.heads.NerHead;
import io.streamnlp.training.data.Iob2;
import io.streamnlp.training.data.TaggedSentence;
import io.streamnlp.training.heads.BatchedEncoder;
import io.streamnlp.training.heads.Head;
import io.streamnlp.training.heads.HeadTrainer;
import io.streamnlp.training.heads.ProgressListener;
import io.streamnlp.training.heads.TrainingConfig;
import io.streamnlp.training.heads.WordTokens;
import io.streamnlp.training.metrics.NerReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a NER head: one training row per word, the word's first sub-word token state concatenated
 * with its {@code window} neighbours on each side, labelled with the word's IOB2 tag.
 */
public final class NerTraining {
    /**
     * Whether {@code train} and the default bundle join the words' orthographic features: WNUT-17 dev
     * entity F1 0.396 without, 0.411 with (P 0.438 to 0.454, R 0.361 to 0.374).
     */
    public static final boolean ORTHOGRAPHIC = true;

    private final BatchedEncoder encoder;
    private final TrainingConfig config;
    private final int window;
    private final boolean orthographic;
    private final ProgressListener progress;

    public NerTraining(BatchedEncoder encoder, TrainingConfig config, int window, ProgressListener progress) {
        this(encoder, config, window, false, progress);
    }

    /** @param orthographic join each word's surface shape ({@link NerHead#rowFeatures}) to its token states */
    public NerTraining(
            BatchedEncoder encoder,
            TrainingConfig config,
            int window,
            boolean orthographic,
            ProgressListener progress) {
        this.encoder = encoder;
        this.config = config;
        this.orthographic = orthographic;
        this.window = window;
        this.progress = progress;
    }

    /**
     * One sentence encoded: the rows to train on (every tokenizer word) and, per CoNLL word, the row
     * of its first sub-word for scoring (null where the word was truncated away).
     */
    public record SentenceRows(List<float[]> trainRows, List<String> trainTags, float[][] wordRows) {}

    public TrainedNer train(List<TaggedSentence> train, List<TaggedSentence> dev) {
        List<SentenceRows> trainRows = rows("encoding ner", train);
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (SentenceRows rows : trainRows) {
            x.addAll(rows.trainRows());
            y.addAll(rows.trainTags());
        }
        Head head = new HeadTrainer(config, progress).train("training ner", x, y);
        NerReport report = dev.isEmpty() ? null : evaluate(head, rows("encoding ner dev", dev), dev);
        return new TrainedNer(head, window, orthographic, report);
    }

    /** Scores the head as the inference side decodes it: the best valid IOB2 sequence per sentence. */
    public static NerReport evaluate(Head head, List<SentenceRows> rows, List<TaggedSentence> gold) {
        IobViterbi viterbi = new IobViterbi(head.labels());
        float[] outside = new float[head.labels().size()];
        if (head.labels().contains("O")) {
            outside[head.labels().indexOf("O")] = 1;
        }
        List<List<String>> predicted = new ArrayList<>(gold.size());
        for (SentenceRows sentence : rows) {
            float[][] probs = new float[sentence.wordRows().length][];
            for (int w = 0; w < probs.length; w++) {
                float[] row = sentence.wordRows()[w];
                probs[w] = row == null ? outside : head.probabilities(row);
            }
            List<String> tags = new ArrayList<>(probs.length);
            for (int label : viterbi.decode(probs)) {
                tags.add(head.labels().get(label));
            }
            predicted.add(tags);
        }
        return NerReport.of(gold.stream().map(s -> Iob2.bundleSafe(s.tags())).toList(), predicted);
    }

    public List<SentenceRows> rows(String phase, List<TaggedSentence> sentences) {
        List<String> texts = sentences.stream().map(TaggedSentence::text).toList();
        return encoder.encodeIndexed(phase, texts, (i, encoded) -> {
            TaggedSentence sentence = sentences.get(i);
            Map<Integer, float[]> byToken = new HashMap<>();
            List<float[]> trainRows = new ArrayList<>();
            List<String> trainTags = new ArrayList<>();
            for (WordTokens.LabelledToken t : WordTokens.labelled(sentence, encoded.alignment())) {
                float[] row = NerHead.rowFeatures(encoded, t.token(), window, orthographic);
                byToken.put(t.token(), row);
                trainRows.add(row);
                trainTags.add(t.tag());
            }
            int[] first = WordTokens.firstSubwords(sentence, encoded.alignment());
            float[][] wordRows = new float[first.length][];
            for (int w = 0; w < first.length; w++) {
                wordRows[w] = first[w] < 0
                        ? null
                        : byToken.computeIfAbsent(first[w], t -> NerHead.rowFeatures(encoded, t, window, orthographic));
            }
            return new SentenceRows(trainRows, trainTags, wordRows);
        });
    }
}
