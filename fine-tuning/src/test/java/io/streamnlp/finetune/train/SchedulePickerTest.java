package io.streamnlp.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.finetune.train.FineTuneConfig.Setting;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulePickerTest {

    private static final Set<Setting> ALL = EnumSet.allOf(Setting.class);
    private static final float HEAD_RATE = 3e-2f;

    /** About banking77's size: 282 steps of 32 texts an epoch, 16 padded tokens a text. */
    private static final DataSizes BANKING = new DataSizes(282 * 32, 282 * 32 * 16, 20 * 1024);
    /** A step (512 tokens) takes 1 s, a dev evaluation 20 s (the numbers are exact in binary). */
    private static final StepCost ONE_SECOND_STEPS = new StepCost(1.0 / 512, 1.0 / 1024);

    private static FineTuneConfig requested(long seconds, Set<Setting> picked) {
        return FineTuneConfig.defaults().withMaxSeconds(seconds).withPicked(picked);
    }

    @Test
    void maxLengthIsTheRounded99thPercentileWithinBounds() {
        int[] counts = new int[100];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 10 + i % 20;
        }
        counts[98] = 37;
        counts[99] = 300;
        assertEquals(40, SchedulePicker.maxLength(counts, 128), "37 is the 99th value, rounded up to 40");
        assertEquals(16, SchedulePicker.maxLength(new int[] {5, 7, 9}, 128));
        assertEquals(128, SchedulePicker.maxLength(new int[] {200, 300}, 128));
    }

    @Test
    void aLongBudgetTrainsAllOfItsEpochsWithTenEvaluationsAndEarlyStopping() {
        FineTuneConfig c = SchedulePicker.pick(requested(1800, ALL), 1800, ONE_SECOND_STEPS, BANKING, HEAD_RATE);

        // 600 target steps need 3 epochs of 282 (846 s); 10% of 0.9 * 1800 s affords 8 evaluations
        assertEquals(3, c.epochs());
        assertEquals(846, c.maxSteps());
        assertEquals(106, c.evalEverySteps());
        assertEquals(3, c.patience());
        assertEquals(1e-4f, c.learningRate());
        assertEquals(HEAD_RATE, c.headLearningRate());
        assertEquals(0.1f, c.warmupFraction());
        assertEquals(1800, c.maxSeconds());
        assertTrue(c.picked().isEmpty());
        assertTrue(846 * 1.0 + 8 * 20 <= 1800 * 0.9, "steps and evaluations fit");
    }

    @Test
    void aShortBudgetShortensTheScheduleSoThatItEndsInTime() {
        FineTuneConfig c = SchedulePicker.pick(requested(600, ALL), 600, ONE_SECOND_STEPS, BANKING, HEAD_RATE);

        // 540 s planned: 10% affords 2 evaluations (40 s), the remaining 500 s 500 steps
        assertEquals(500, c.maxSteps());
        assertEquals(2, c.epochs());
        assertEquals(250, c.evalEverySteps());
        assertEquals(0, c.patience(), "two evaluations are too few to stop early on");
    }

    @Test
    void aBudgetBelowOneEpochStillTrainsAndEvaluatesOnce() {
        FineTuneConfig c = SchedulePicker.pick(requested(60, ALL), 60, ONE_SECOND_STEPS, BANKING, HEAD_RATE);

        assertEquals(1, c.epochs());
        assertEquals(34, c.maxSteps(), "54 s planned, 20 s of them for the one evaluation");
        assertEquals(34, c.evalEverySteps());
    }

    @Test
    void smallDataGetsMoreEpochs() {
        DataSizes tiny = new DataSizes(8, 8 * 12, 2 * 12);
        FineTuneConfig c = SchedulePicker.pick(requested(60, ALL), 50, ONE_SECOND_STEPS, tiny, 1e-3f);

        assertEquals(10, c.epochs());
        assertEquals(10, c.maxSteps());
        assertEquals(1, c.evalEverySteps());
        assertEquals(3, c.patience());
        assertEquals(1e-3f, c.headLearningRate(), "the task's head rate");
    }

    @Test
    void givenSettingsWinOverPickedOnes() {
        FineTuneConfig given = FineTuneConfig.defaults()
                .withEpochs(2)
                .withLearningRates(5e-5f, 1e-2f)
                .withEvalEverySteps(100)
                .withPatience(1)
                .withMaxSeconds(1800)
                .withPicked(EnumSet.of(Setting.MAX_STEPS, Setting.WARMUP));

        FineTuneConfig c = SchedulePicker.pick(given, 1800, ONE_SECOND_STEPS, BANKING, HEAD_RATE);

        assertEquals(2, c.epochs());
        assertEquals(564, c.maxSteps(), "all of the given 2 epochs fit");
        assertEquals(5e-5f, c.learningRate());
        assertEquals(1e-2f, c.headLearningRate());
        assertEquals(100, c.evalEverySteps());
        assertEquals(1, c.patience());
    }

    @Test
    void givenEvalEveryCountsItsEvaluationsInTheTime() {
        FineTuneConfig given = requested(600, EnumSet.of(Setting.MAX_STEPS)).withEvalEverySteps(50);

        FineTuneConfig c = SchedulePicker.pick(given, 600, ONE_SECOND_STEPS, BANKING, HEAD_RATE);

        // 540 s for steps of 1 s plus an evaluation of 20 s every 50 steps: 1.4 s a step
        assertEquals(385, c.maxSteps());
        assertEquals(50, c.evalEverySteps());
    }
}
