package io.streamnlp.training.heads;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.EncoderSpec;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.runtime.DynamicInt8Quantizer;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The encoders classification heads learn from: the encoder a bundle names as heads train on it (the
 * primary: fp32 where one ships), and its int8 twin when it is a built-in whose fp32 export ships (the twin is
 * that export quantized, as int8 serving runs it). A head that learns from each text's embedding at both precisions serves either: on
 * 10,000 template tickets its int8 score stays within 0.6 points of its fp32 one, where heads trained on
 * fp32 alone lost up to 1.4 points (docs/inference.md). An encoder that ships one twin only (e5) or the
 * export inside a bundle has no twin. Dev sets, NER heads, reference profiles and the {@code trained_on}
 * identity a head records all use the primary.
 *
 * <p>The twin opens on first use, so a caller that only needs the primary never loads it. Not thread-safe.
 */
public final class TrainingEncoders implements AutoCloseable {
    /** What heads that learn from both twins learn from, for the recipes that record it. */
    public static final String TWIN_FEATURES = "fp32 and int8 embeddings (int8: " + DynamicInt8Quantizer.SCHEME + ")";

    /** What heads learn from when the encoder has no twin. */
    static final String PRIMARY_FEATURES = "the encoder's own embeddings";

    private final SharedEncoder primary;
    private final EncoderFiles twinFiles;
    private final InferenceOptions twinOptions;
    private final ProgressListener progress;
    private final Map<Precision, BatchedEncoder> batched = new LinkedHashMap<>();
    private SharedEncoder twin;

    private TrainingEncoders(
            SharedEncoder primary, EncoderFiles twinFiles, InferenceOptions twinOptions, ProgressListener progress) {
        this.primary = primary;
        this.twinFiles = twinFiles;
        this.twinOptions = twinOptions;
        this.progress = progress;
        batched.put(Precision.FP32, batched(primary));
    }

    /**
     * The encoder {@code spec} names, and its int8 twin if it has one.
     *
     * @param bundleDir where a bundle's own encoder files are; unused for a built-in
     * @throws io.streamnlp.inference.runtime.InferenceException if the primary cannot be loaded
     */
    public static TrainingEncoders open(
            EncoderSpec spec, Path bundleDir, InferenceOptions options, ProgressListener progress) {
        InferenceOptions int8 = options.withPrecision(Precision.INT8);
        EncoderFiles twinFiles =
                hasTwin(spec) ? EncoderFiles.of(spec, bundleDir, int8.modelCacheDir(), Precision.INT8) : null;
        return new TrainingEncoders(SharedEncoder.forTraining(spec, bundleDir, options), twinFiles, int8, progress);
    }

    /** The default built-in encoder with the default maximum length, and its int8 twin. */
    public static TrainingEncoders openDefault(InferenceOptions options, ProgressListener progress) {
        return open(
                EncoderSpec.builtin(BuiltinEncoder.DEFAULT, EncoderSpec.DEFAULT_MAX_LENGTH, null),
                null,
                options,
                progress);
    }

    private static boolean hasTwin(EncoderSpec spec) {
        return spec.builtin() != null
                && BuiltinEncoder.byId(spec.builtin())
                        .filter(BuiltinEncoder::hasTwins)
                        .isPresent();
    }

    /** What classification heads learn from here, for the recipe a head records. */
    public String features() {
        return twinFiles == null ? PRIMARY_FEATURES : TWIN_FEATURES;
    }

    /** The recipe a head trained with {@code config} on these encoders records. */
    public String recipe(TrainingConfig config) {
        return recipe(config, features());
    }

    /** The recipe of a head trained with {@code config} on a built-in encoder's two twins, without opening them. */
    public static String twinRecipe(TrainingConfig config) {
        return recipe(config, TWIN_FEATURES);
    }

    private static String recipe(TrainingConfig config, String features) {
        return config + " on " + features;
    }

    /** The encoder dev sets, NER and profiles are scored on, and the one a head's identity names. */
    public SharedEncoder primary() {
        return primary;
    }

    public BatchedEncoder primaryBatched() {
        return batched.get(Precision.FP32);
    }

    /**
     * Every encoder heads learn from, by the precision asked of it: the primary under {@code FP32} first (an encoder
     * that ships no fp32 file, or a bundle's own file, runs as shipped), then the int8 twin if there is one.
     */
    public Map<Precision, BatchedEncoder> batched() {
        if (twinFiles != null && twin == null) {
            twin = SharedEncoder.load(twinFiles, twinOptions);
            batched.put(Precision.INT8, batched(twin));
        }
        return Collections.unmodifiableMap(batched);
    }

    /**
     * Every text by every encoder, primary first: the rows to pair with {@link #perEncoder} the labels. With a twin,
     * each pass reports its precision after {@code phase}.
     */
    public <T> List<T> encodeEach(String phase, List<String> texts, Function<EncodedText, T> extract) {
        Map<Precision, BatchedEncoder> encoders = batched();
        List<T> out = new ArrayList<>(encoders.size() * texts.size());
        encoders.forEach((precision, encoder) -> {
            String pass = encoders.size() == 1 ? phase : phase + " at " + precision;
            out.addAll(encoder.encode(pass, texts, extract));
        });
        return out;
    }

    /** The labels of {@link #encodeEach}'s rows: {@code labels} once per encoder. */
    public <T> List<T> perEncoder(List<T> labels) {
        int encoders = twinFiles == null ? 1 : 2;
        List<T> out = new ArrayList<>(encoders * labels.size());
        for (int i = 0; i < encoders; i++) {
            out.addAll(labels);
        }
        return out;
    }

    private BatchedEncoder batched(SharedEncoder encoder) {
        return new BatchedEncoder(encoder, BatchedEncoder.DEFAULT_BATCH_SIZE, progress);
    }

    @Override
    public void close() {
        try {
            if (twin != null) {
                twin.close();
            }
        } finally {
            primary.close();
        }
    }
}
