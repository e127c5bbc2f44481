package io.streamnlp.finetune.train;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Settings of one fine-tuning run. Learning rates follow a linear warm-up from 0 over the first
 * {@code warmupFraction} of the steps, then decay linearly to 0 at the last step.
 *
 * @param epochs passes over the training data
 * @param maxSteps optimizer steps at most, 0 for {@code epochs} full passes; also the schedule's length
 * @param batchSize examples per step
 * @param learningRate Adam learning rate of the encoder
 * @param headLearningRate Adam learning rate of the zero-initialised classification head
 * @param warmupFraction share of the steps spent warming up, in [0, 1)
 * @param maxGradNorm the global gradient norm is clipped to this
 * @param maxSeconds training stops at the first step boundary after this many seconds, 0 for no limit
 * @param evalEverySteps dev evaluation (and best-checkpoint choice) every this many steps, 0 for once per epoch
 * @param maxLength tokens per text, special tokens included
 * @param patience training stops after this many dev evaluations in a row without a better score, 0 never
 * @param seed seeds the data order
 * @param picked the settings that {@link SchedulePicker} chooses from {@code maxSeconds} before training
 *     (the values given for them here are replaced); empty: every setting as given
 */
public record FineTuneConfig(
        int epochs,
        int maxSteps,
        int batchSize,
        float learningRate,
        float headLearningRate,
        float warmupFraction,
        float maxGradNorm,
        long maxSeconds,
        int evalEverySteps,
        int maxLength,
        int patience,
        long seed,
        Set<Setting> picked) {

    public static final int DEFAULT_MAX_LENGTH = 128;

    /** The settings a time budget can choose. */
    public enum Setting {
        EPOCHS,
        MAX_STEPS,
        LEARNING_RATE,
        HEAD_LEARNING_RATE,
        WARMUP,
        EVAL_EVERY,
        MAX_LENGTH,
        PATIENCE
    }

    public FineTuneConfig {
        requireRange("epochs", epochs, 1, 1000);
        requireRange("maxSteps", maxSteps, 0, Integer.MAX_VALUE);
        requireRange("batchSize", batchSize, 1, 1024);
        requireRange("evalEverySteps", evalEverySteps, 0, Integer.MAX_VALUE);
        requireRange("maxLength", maxLength, 8, 512);
        requireRange("patience", patience, 0, Integer.MAX_VALUE);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1), got " + learningRate);
        }
        if (!(headLearningRate > 0 && headLearningRate < 1)) {
            throw new IllegalArgumentException("headLearningRate must be in (0, 1), got " + headLearningRate);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warmupFraction must be in [0, 1), got " + warmupFraction);
        }
        if (!(maxGradNorm > 0)) {
            throw new IllegalArgumentException("maxGradNorm must be positive, got " + maxGradNorm);
        }
        if (maxSeconds < 0) {
            throw new IllegalArgumentException("maxSeconds must be >= 0, got " + maxSeconds);
        }
        // an EnumSet iterates in declaration order, so toString (part of the data fingerprint) is stable
        picked = picked.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(picked));
        if (!picked.isEmpty() && maxSeconds == 0) {
            throw new IllegalArgumentException("settings can be picked only for a time limit (maxSeconds > 0)");
        }
    }

    /**
     * 3 epochs, batch 32, encoder 1e-4, head 3e-2, 10% warm-up, norm 1, no time limit, no early stop,
     * seed 42, nothing picked. The head reads unit vectors, so it needs large weights for confident
     * logits: its rate is 300 times the encoder's (on banking77, 5e-3 left dev accuracy at 0.81 where
     * 3e-2 reached 0.90 in 200 steps).
     */
    public static FineTuneConfig defaults() {
        return new FineTuneConfig(3, 0, 32, 1e-4f, 3e-2f, 0.1f, 1f, 0, 0, DEFAULT_MAX_LENGTH, 0, 42, Set.of());
    }

    public FineTuneConfig withEpochs(int value) {
        return new FineTuneConfig(
                value,
                maxSteps,
                batchSize,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                maxLength,
                patience,
                seed,
                picked);
    }

    public FineTuneConfig withMaxSteps(int value) {
        return new FineTuneConfig(
                epochs,
                value,
                batchSize,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                maxLength,
                patience,
                seed,
                picked);
    }

    public FineTuneConfig withBatchSize(int value) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                value,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                maxLength,
                patience,
                seed,
                picked);
    }

    public FineTuneConfig withLearningRates(float encoder, float head) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                batchSize,
                encoder,
                head,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                maxLength,
                patience,
                seed,
                picked);
    }

    public FineTuneConfig withWarmupFraction(float value) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                batchSize,
                learningRate,
                headLearningRate,
                value,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                maxLength,
                patience,
                seed,
                picked);
    }

    public FineTuneConfig withMaxSeconds(long value) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                batchSize,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                value,
                evalEverySteps,
                maxLength,
                patience,
                seed,
                picked);
    }

    public FineTuneConfig withEvalEverySteps(int value) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                batchSize,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                value,
                maxLength,
                patience,
                seed,
                picked);
    }

    public FineTuneConfig withMaxLength(int value) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                batchSize,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                value,
                patience,
                seed,
                picked);
    }

    public FineTuneConfig withPatience(int value) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                batchSize,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                maxLength,
                value,
                seed,
                picked);
    }

    public FineTuneConfig withSeed(long value) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                batchSize,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                maxLength,
                patience,
                value,
                picked);
    }

    /** These settings as given, with {@code settings} left to the time budget to choose. */
    public FineTuneConfig withPicked(Set<Setting> settings) {
        return new FineTuneConfig(
                epochs,
                maxSteps,
                batchSize,
                learningRate,
                headLearningRate,
                warmupFraction,
                maxGradNorm,
                maxSeconds,
                evalEverySteps,
                maxLength,
                patience,
                seed,
                settings);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
