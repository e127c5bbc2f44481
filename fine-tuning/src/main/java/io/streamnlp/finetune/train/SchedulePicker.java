package io.streamnlp.finetune.train;

import io.streamnlp.finetune.train.FineTuneConfig.Setting;
import java.util.Arrays;
import java.util.Set;

/**
 * Chooses a fine-tuning schedule that fits a time budget, from the measured cost of a step and of a dev
 * evaluation and the size of the data. Only the settings in {@link FineTuneConfig#picked()} are chosen;
 * the others stay as given. A pure function: the same inputs give the same schedule.
 *
 * <ul>
 *   <li>max length: the 99th percentile of the training texts' token counts, rounded up to a multiple
 *       of 8, within [16, 128] (longer texts are rare and cost most);
 *   <li>epochs: enough for about {@value #TARGET_STEPS} steps, within [{@value #MIN_EPOCHS},
 *       {@value #MAX_EPOCHS}]: banking77 (282 steps an epoch) levels off at 3, WNUT-17 (107) needed 6;
 *   <li>evaluations: up to {@value #MAX_EVALUATIONS}, taking at most a tenth of the time;
 *   <li>max steps: what the rest of the time affords, at most all epochs, so that the learning rate
 *       decays to 0 as the time runs out rather than being cut off at its height;
 *   <li>learning rates: the encoder's 1e-4 and the task's head rate, the best measured settings
 *       (docs/fine-tuning.md); warm-up over the first tenth of the steps;
 *   <li>patience: stop after 3 evaluations without a better dev score, when there are at least 5.
 * </ul>
 */
public final class SchedulePicker {

    /** Share of the time left that the plan fills: the optimizer update and the machine's load are not measured. */
    static final double PLANNED_SHARE = 0.9;
    /** Share of the planned time that dev evaluations may take. */
    static final double EVALUATION_SHARE = 0.1;

    static final int MAX_EVALUATIONS = 10;
    static final int TARGET_STEPS = 600;
    static final int MIN_EPOCHS = 3;
    static final int MAX_EPOCHS = 10;
    static final double LENGTH_QUANTILE = 0.99;
    static final int LENGTH_MULTIPLE = 8;
    static final int MIN_LENGTH = 16;
    static final float ENCODER_LEARNING_RATE = 1e-4f;
    static final float WARMUP_FRACTION = 0.1f;
    static final int PATIENCE = 3;
    static final int MIN_EVALUATIONS_TO_STOP_EARLY = 5;

    private SchedulePicker() {}

    /**
     * The max length for texts of these token counts (special tokens included, not truncated).
     *
     * @param cap the longest length to pick
     */
    public static int maxLength(int[] tokenCounts, int cap) {
        if (tokenCounts.length == 0) {
            throw new IllegalArgumentException("no texts to measure");
        }
        int[] sorted = tokenCounts.clone();
        Arrays.sort(sorted);
        int quantile = sorted[(int) Math.ceil(LENGTH_QUANTILE * sorted.length) - 1];
        int rounded = (quantile + LENGTH_MULTIPLE - 1) / LENGTH_MULTIPLE * LENGTH_MULTIPLE;
        return Math.max(MIN_LENGTH, Math.min(cap, rounded));
    }

    /**
     * {@code requested} with its picked settings chosen (all but {@link Setting#MAX_LENGTH}, which is
     * picked before the data is tokenized, see {@link #maxLength}) and nothing left to pick.
     *
     * @param secondsLeft the time budget that is left for training and dev evaluations
     * @param headLearningRate the task's best measured head rate
     */
    public static FineTuneConfig pick(
            FineTuneConfig requested, double secondsLeft, StepCost cost, DataSizes data, float headLearningRate) {
        Set<Setting> picked = requested.picked();
        int stepsPerEpoch = ceilDiv(data.trainExamples(), requested.batchSize());
        double stepSeconds = data.epochTokens() * cost.trainSecondsPerToken() / stepsPerEpoch;
        double evaluationSeconds = data.devTokens() * cost.devSecondsPerToken();
        double planned = Math.max(0, secondsLeft * PLANNED_SHARE);

        int epochs = picked.contains(Setting.EPOCHS)
                ? clamp(ceilDiv(TARGET_STEPS, stepsPerEpoch), MIN_EPOCHS, MAX_EPOCHS)
                : requested.epochs();
        int allSteps = stepsPerEpoch * epochs;
        int stepCap = requested.maxSteps() > 0 && !picked.contains(Setting.MAX_STEPS)
                ? Math.min(requested.maxSteps(), allSteps)
                : allSteps;

        int steps;
        int evalEvery;
        if (picked.contains(Setting.EVAL_EVERY)) {
            int evaluations = clamp((int) (EVALUATION_SHARE * planned / evaluationSeconds), 1, MAX_EVALUATIONS);
            int affordable =
                    (int) Math.min(Integer.MAX_VALUE, (planned - evaluations * evaluationSeconds) / stepSeconds);
            steps = picked.contains(Setting.MAX_STEPS) ? clamp(affordable, 1, stepCap) : stepCap;
            evalEvery = ceilDiv(steps, Math.min(evaluations, steps));
        } else {
            evalEvery = requested.evalEverySteps() > 0 ? requested.evalEverySteps() : stepsPerEpoch;
            int affordable = (int) Math.min(Integer.MAX_VALUE, planned / (stepSeconds + evaluationSeconds / evalEvery));
            steps = picked.contains(Setting.MAX_STEPS) ? clamp(affordable, 1, stepCap) : stepCap;
        }
        if (picked.contains(Setting.EPOCHS)) {
            epochs = ceilDiv(steps, stepsPerEpoch);
        }
        int evaluations = ceilDiv(steps, evalEvery);
        return new FineTuneConfig(
                epochs,
                picked.contains(Setting.MAX_STEPS) ? steps : requested.maxSteps(),
                requested.batchSize(),
                picked.contains(Setting.LEARNING_RATE) ? ENCODER_LEARNING_RATE : requested.learningRate(),
                picked.contains(Setting.HEAD_LEARNING_RATE) ? headLearningRate : requested.headLearningRate(),
                picked.contains(Setting.WARMUP) ? WARMUP_FRACTION : requested.warmupFraction(),
                requested.maxGradNorm(),
                requested.maxSeconds(),
                picked.contains(Setting.EVAL_EVERY) ? evalEvery : requested.evalEverySteps(),
                requested.maxLength(),
                picked.contains(Setting.PATIENCE)
                        ? (evaluations >= MIN_EVALUATIONS_TO_STOP_EARLY ? PATIENCE : 0)
                        : requested.patience(),
                requested.seed(),
                Set.of());
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
