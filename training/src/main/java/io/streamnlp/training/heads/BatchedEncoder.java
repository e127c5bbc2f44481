package io.streamnlp.training.heads;

import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.SharedEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs the shared encoder over a whole data set in batches of similar length (a batch is padded to
 * its longest text, so sorting by length saves most of the padding), keeping only what the caller
 * extracts from each text, in input order.
 */
public final class BatchedEncoder {
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final SharedEncoder encoder;
    private final int batchSize;
    private final ProgressListener progress;

    public BatchedEncoder(SharedEncoder encoder, int batchSize, ProgressListener progress) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        this.encoder = encoder;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** The sentence embedding of every text. */
    public List<float[]> embeddings(String phase, List<String> texts) {
        return encode(phase, texts, EncodedText::embedding);
    }

    public <T> List<T> encode(String phase, List<String> texts, Function<EncodedText, T> extract) {
        return encodeIndexed(phase, texts, (index, encoded) -> extract.apply(encoded));
    }

    /** Like {@link #encode}, and the extractor also learns the input index of each text. */
    public <T> List<T> encodeIndexed(String phase, List<String> texts, BiFunction<Integer, EncodedText, T> extract) {
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.comparingInt((Integer i) -> texts.get(i).length()).thenComparingInt(i -> i));
        List<T> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(null);
        }
        progress.start(phase, texts.size());
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<String> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(texts.get(order[i]));
            }
            EncodedBatch encoded = encoder.encode(batch);
            for (int i = from; i < to; i++) {
                out.set(order[i], extract.apply(order[i], encoded.get(i - from)));
            }
            progress.advance(to);
        }
        progress.finish(texts.size() + " texts");
        return out;
    }
}
