package io.streamnlp.finetune.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Measures what a training step and a dev pass cost on this machine, on a few of the run's own
 * batches, without changing the model: the trainer it is given must update at a learning rate of 0
 * with an optimizer of its own, so that the steps cost what the run's do and the run that follows is
 * the same as one without the measurement.
 */
final class StepCostProbe {

    /** Batches timed after one untimed batch (libtorch's first call allocates and picks kernels). */
    static final int TIMED_BATCHES = 3;

    private final LongSupplier nanoTime;

    StepCostProbe(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * @param trainer a trainer whose optimizer steps at a rate of 0 and is not the run's
     * @param batches the run's batches, rows of {@code task}'s training examples; reused if fewer than needed
     */
    StepCost measure(Trainer trainer, GradientStep step, FineTuneTask<?> task, List<int[]> batches) {
        long trainNanos = 0;
        long devNanos = 0;
        long tokens = 0;
        for (int i = 0; i <= TIMED_BATCHES; i++) {
            int[] rows = batches.get(i % batches.size());
            long started = nanoTime.getAsLong();
            if (!Float.isNaN(step.compute(trainer, task, rows))) {
                trainer.step();
            }
            long computed = nanoTime.getAsLong();
            try (NDManager m = trainer.getManager().newSubManager()) {
                trainer.evaluate(task.batch(rows, m).inputs());
            }
            long evaluated = nanoTime.getAsLong();
            if (i > 0) {
                trainNanos += computed - started;
                devNanos += evaluated - computed;
                tokens += paddedTokens(rows, task::tokens);
            }
        }
        step.zeroGradients(trainer);
        return new StepCost(Math.max(1, trainNanos) / 1e9 / tokens, Math.max(1, devNanos) / 1e9 / tokens);
    }

    /** Tokens of a batch as the model sees it: every row padded to the longest. */
    static long paddedTokens(int[] rows, IntUnaryOperator tokens) {
        int longest = 0;
        for (int row : rows) {
            longest = Math.max(longest, tokens.applyAsInt(row));
        }
        return (long) longest * rows.length;
    }
}
