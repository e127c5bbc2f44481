package io.streamnlp.retrainer.job;

import static io.streamnlp.config.ConfigOptions.key;

import io.streamnlp.config.ConfigOption;
import io.streamnlp.config.OptionType;
import io.streamnlp.config.Options;
import io.streamnlp.training.heads.TrainingConfig;
import java.nio.file.Path;

/** The retraining job's own options ({@code retrain.*}, {@code inference.*}); docs/retraining.md's table is generated from them. */
public final class RetrainingOptions {
    private RetrainingOptions() {}

    public static final ConfigOption<String> GROUP_ID = key("retrain.group-id")
            .stringType()
            .defaultValue("streamnlp-retrainer")
            .withDescription("the job's consumer group");
    public static final ConfigOption<PromotionPolicy.Metric> PROMOTION_METRIC = key("retrain.promotion-metric")
            .type(OptionType.of(
                    "accuracy or macro-f1",
                    text -> PromotionPolicy.Metric.parse("retrain.promotion-metric", text),
                    metric -> metric.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
            .defaultValue(PromotionPolicy.Metric.ACCURACY)
            .withDescription("the score a challenger must win on: `accuracy` or `macro-f1`");
    public static final ConfigOption<Double> PROMOTION_MARGIN = key("retrain.promotion-margin")
            .doubleType()
            .defaultValue(0.02)
            .between(0.0, 1.0)
            .withDescription("how much the challenger's score must beat the champion's by");
    public static final ConfigOption<Double> HOLDOUT_FRACTION = key("retrain.holdout-fraction")
            .doubleType()
            .defaultValue(0.2)
            .between(0.0, 1.0)
            .withDescription(
                    "share of the feedback held out (an even sample in time) to evaluate challenger and champion, in (0, 1)");
    public static final ConfigOption<Integer> MIN_FEEDBACK = key("retrain.min-feedback")
            .intType()
            .defaultValue(20)
            .between(0, 10_000_000)
            .withDescription("labels for the task needed to retrain, ≥ 2");
    public static final ConfigOption<Long> SEED = key("retrain.seed")
            .longType()
            .defaultValue(TrainingConfig.DEFAULT_SEED)
            .withDescription("head training and fine-tuning seed");
    public static final ConfigOption<Boolean> FINE_TUNE = key("retrain.fine-tune")
            .booleanType()
            .defaultValue(false)
            .withDescription("fine-tune the encoder with the task's head instead of training a head");
    public static final ConfigOption<Integer> FINE_TUNE_EPOCHS = key("retrain.fine-tune.epochs")
            .intType()
            .noDefaultValue()
            .between(1, 1000)
            .withDocumentedDefault("picked from max-seconds")
            .withDescription("passes over the training data when fine-tuning");
    public static final ConfigOption<Integer> FINE_TUNE_MAX_STEPS = key("retrain.fine-tune.max-steps")
            .intType()
            .noDefaultValue()
            .between(0, Integer.MAX_VALUE)
            .withDocumentedDefault("picked from max-seconds")
            .withDescription("optimizer steps at most, 0 for all epochs");
    public static final ConfigOption<Long> FINE_TUNE_MAX_SECONDS = key("retrain.fine-tune.max-seconds")
            .longType()
            .defaultValue(900L)
            .between(1L, 86_400L)
            .withDescription("training time at most (best checkpoint kept); the schedule (epochs, steps, max length,"
                    + " rates, warm-up, dev evaluations, patience) is picked to fit it, as by `train --fine-tune"
                    + " --max-seconds`, except the settings given; at most half of `retrain.max-request-ms`");
    public static final ConfigOption<Integer> MAX_ATTEMPTS = key("retrain.max-attempts")
            .intType()
            .defaultValue(3)
            .between(1, 1000)
            .withDescription(
                    "tries of a request failing for other reasons than a rejection or an unreachable model registry");
    public static final ConfigOption<Long> RETRY_BACKOFF_MS = key("retrain.retry-backoff-ms")
            .longType()
            .defaultValue(5_000L)
            .between(1L, 3_600_000L)
            .withDescription("wait before the first retry of a request; doubles with every further one");
    public static final ConfigOption<Long> MAX_RETRY_BACKOFF_MS = key("retrain.max-retry-backoff-ms")
            .longType()
            .defaultValue(60_000L)
            .between(1L, 3_600_000L)
            .withDescription(
                    "longest wait between two tries; at least `retrain.retry-backoff-ms`, below `retrain.max-request-ms`");
    public static final ConfigOption<Long> MAX_REQUEST_MS = key("retrain.max-request-ms")
            .longType()
            .defaultValue(1_800_000L)
            .between(10_000L, (long) Integer.MAX_VALUE)
            .withDescription("longest one request may take (the consumer's `max.poll.interval.ms`)");
    public static final ConfigOption<Long> FEEDBACK_READ_TIMEOUT_MS = key("retrain.feedback-read-timeout-ms")
            .longType()
            .defaultValue(120_000L)
            .between(1_000L, 3_600_000L)
            .withDescription("longest reading the feedback topic up to its end may take");
    public static final ConfigOption<Integer> GPU_ID = key("inference.gpu-id")
            .intType()
            .defaultValue(0)
            .between(0, 64)
            .withDescription("CUDA device index with `inference.device=gpu`");
    public static final ConfigOption<Integer> INTER_OP_THREADS = key("inference.inter-op-threads")
            .intType()
            .defaultValue(1)
            .between(1, 256)
            .withDescription("ONNX Runtime threads running independent operators in parallel");
    public static final ConfigOption<Integer> PREDICTORS = key("inference.predictors")
            .intType()
            .defaultValue(1)
            .between(1, 256)
            .withDescription("DJL predictors per model, i.e. how many batches one model runs at once");
    public static final ConfigOption<Path> MODEL_CACHE_DIR = key("inference.model-cache-dir")
            .pathType()
            .noDefaultValue()
            .withDocumentedDefault("$TMPDIR/streamnlp-models-$USER")
            .withDescription("directory for model files copied out of jars on the class path");

    /** The job's own options, in documentation order. */
    public static final Options OWN = Options.of(
            GROUP_ID,
            PROMOTION_METRIC,
            PROMOTION_MARGIN,
            HOLDOUT_FRACTION,
            MIN_FEEDBACK,
            SEED,
            FINE_TUNE,
            FINE_TUNE_EPOCHS,
            FINE_TUNE_MAX_STEPS,
            FINE_TUNE_MAX_SECONDS,
            MAX_ATTEMPTS,
            RETRY_BACKOFF_MS,
            MAX_RETRY_BACKOFF_MS,
            MAX_REQUEST_MS,
            FEEDBACK_READ_TIMEOUT_MS,
            GPU_ID,
            INTER_OP_THREADS,
            PREDICTORS,
            MODEL_CACHE_DIR);
}
