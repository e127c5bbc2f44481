package io.streamnlp.training.bundle;

import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.training.heads.BatchedEncoder;
import io.streamnlp.training.heads.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The default encoder at both precisions it serves at, for training the default bundle's classification
 * heads on each text's embedding at fp32 and at int8, so that one head serves either precision. On 3,000
 * unseen template tickets per task, heads trained on fp32 alone lost up to 1.4 points when served at int8
 * (urgency); heads trained on both stay within 0.3 points of their fp32 scores (docs/inference.md).
 */
final class PrecisionTwins implements AutoCloseable {
    /** What a recipe trained this way learns from, for the records that name the recipe. */
    static final String FEATURES = "fp32 and int8 embeddings";

    private final SharedEncoder fp32;
    private final SharedEncoder int8;
    private final Map<Precision, BatchedEncoder> batched = new EnumMap<>(Precision.class);

    private PrecisionTwins(SharedEncoder fp32, SharedEncoder int8, ProgressListener progress) {
        this.fp32 = fp32;
        this.int8 = int8;
        batched.put(Precision.FP32, new BatchedEncoder(fp32, BatchedEncoder.DEFAULT_BATCH_SIZE, progress));
        batched.put(Precision.INT8, new BatchedEncoder(int8, BatchedEncoder.DEFAULT_BATCH_SIZE, progress));
    }

    static PrecisionTwins open(InferenceOptions options, ProgressListener progress) {
        SharedEncoder fp32 = SharedEncoder.forTraining(options);
        try {
            return new PrecisionTwins(fp32, SharedEncoder.builtin(options.withPrecision(Precision.INT8)), progress);
        } catch (RuntimeException e) {
            fp32.close();
            throw e;
        }
    }

    /** The fp32 encoder: the one the bundle records, and the one dev sets, NER and profiles are scored on. */
    SharedEncoder fp32() {
        return fp32;
    }

    BatchedEncoder fp32Batched() {
        return batched.get(Precision.FP32);
    }

    /** Both precisions' encoders, fp32 first. */
    Map<Precision, BatchedEncoder> batched() {
        return Collections.unmodifiableMap(batched);
    }

    /** Every text at fp32, then every text at int8: the rows to pair with {@link #twice} the labels. */
    <T> List<T> encodeBoth(String phase, List<String> texts, Function<EncodedText, T> extract) {
        List<T> out = new ArrayList<>(2 * texts.size());
        for (BatchedEncoder encoder : batched.values()) {
            out.addAll(encoder.encode(phase, texts, extract));
        }
        return out;
    }

    /** The labels of {@link #encodeBoth}'s rows. */
    static <T> List<T> twice(List<T> labels) {
        List<T> out = new ArrayList<>(2 * labels.size());
        out.addAll(labels);
        out.addAll(labels);
        return out;
    }

    @Override
    public void close() {
        try {
            int8.close();
        } finally {
            fp32.close();
        }
    }
}
