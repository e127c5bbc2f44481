package io.streamnlp.finetune.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.streamnlp.finetune.model.ClassifierWeights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Fine-tunes the encoder and head of a {@link FineTuneTask} together with DJL's training API: Adam
 * with a warm-up/linear-decay schedule (a larger rate for the fresh head), global gradient-norm
 * clipping. The data order is seeded; nothing else is random (no dropout), so a run on the same CPU
 * with the same thread count repeats exactly. The dev score picks the checkpoint that is returned.
 *
 * <p>When the config leaves settings to pick, the run first measures the cost of a step on its own
 * batches ({@link StepCostProbe}) and has {@link SchedulePicker} choose them to fit the time limit.
 */
public final class FineTuner {

    /** Batches sorted by length within windows of this many batches: less padding, still shuffled. */
    private static final int LENGTH_BUCKET_BATCHES = 50;
    /** Steps in a row whose loss or gradient is not finite after which training has diverged and stops. */
    static final int MAX_SKIPPED_IN_A_ROW = 10;

    private final FineTuneConfig requested;
    private final TrainingProgress progress;
    private final LongSupplier nanoTime;

    public FineTuner(FineTuneConfig config, TrainingProgress progress) {
        this(config, progress, System::nanoTime);
    }

    FineTuner(FineTuneConfig config, TrainingProgress progress, LongSupplier nanoTime) {
        this.requested = config;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    /** Trains {@code task}'s block, which must be {@code model}'s block. */
    public <R> FineTuned<R> train(Model model, FineTuneTask<R> task) {
        if (task.trainingExamples() == 0) {
            throw new IllegalArgumentException("training data must not be empty");
        }
        long deadline = requested.maxSeconds() > 0
                ? nanoTime.getAsLong() + requested.maxSeconds() * 1_000_000_000L
                : Long.MAX_VALUE;
        int[] lengths = new int[task.trainingExamples()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = task.tokens(i);
        }
        GradientStep gradientStep = new GradientStep(task, requested.maxGradNorm());
        FineTuneConfig config =
                requested.picked().isEmpty() ? requested : pickSchedule(model, task, gradientStep, lengths, deadline);

        int stepsPerEpoch = (lengths.length + config.batchSize() - 1) / config.batchSize();
        int plannedSteps = config.maxSteps() > 0
                ? Math.min(config.maxSteps(), stepsPerEpoch * config.epochs())
                : stepsPerEpoch * config.epochs();
        int evalEvery = config.evalEverySteps() > 0 ? config.evalEverySteps() : stepsPerEpoch;

        progress.start(plannedSteps);
        Checkpoint<R> best = null;
        List<DevCurve.Point> curve = new ArrayList<>();
        int step = 0;
        long examples = 0;
        long trainingNanos = 0;
        boolean timeUp = false;
        boolean diverged = false;
        boolean stoppedEarly = false;
        int skippedInARow = 0;
        int skipped = 0;
        int lastEvaluated = 0;
        int evaluationsWithoutBetter = 0;
        try (Trainer trainer = newTrainer(model, task, config, plannedSteps)) {
            Random random = new Random(config.seed());
            training:
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                for (int[] rows : epochBatches(lengths, config.batchSize(), random)) {
                    if (step >= plannedSteps) {
                        break training;
                    }
                    if (nanoTime.getAsLong() >= deadline) {
                        timeUp = true;
                        break training;
                    }
                    long started = nanoTime.getAsLong();
                    float loss = gradientStep.compute(trainer, task, rows);
                    if (!Float.isNaN(loss)) {
                        trainer.step();
                    }
                    trainingNanos += nanoTime.getAsLong() - started;
                    step++;
                    examples += rows.length;
                    if (Float.isNaN(loss)) {
                        skipped++;
                        progress.message("step " + step + ": loss or gradient not finite, update skipped");
                        if (++skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
                            diverged = true;
                            break training;
                        }
                        continue;
                    }
                    skippedInARow = 0;
                    progress.step(step, epoch, loss, examples / (trainingNanos / 1e9));
                    if (step % evalEvery == 0) {
                        best = evaluate(trainer, task, step, best, curve);
                        lastEvaluated = step;
                        evaluationsWithoutBetter = best.step() == step ? 0 : evaluationsWithoutBetter + 1;
                        if (config.patience() > 0 && evaluationsWithoutBetter >= config.patience()) {
                            stoppedEarly = true;
                            break training;
                        }
                    }
                }
            }
            if (lastEvaluated != step || best == null) {
                best = evaluate(trainer, task, step, best, curve);
            }
        }
        if (diverged) {
            progress.message(
                    "training diverged: " + MAX_SKIPPED_IN_A_ROW + " steps in a row without a finite loss or gradient;"
                            + " keeping the checkpoint of step " + best.step() + " (try a lower --lr or --head-lr)");
        } else if (skipped > 0) {
            progress.message(skipped + " of " + step + " steps skipped for a loss or gradient that was not finite");
        }
        if (timeUp) {
            progress.message("time limit of " + config.maxSeconds() + " s reached after " + step + " of " + plannedSteps
                    + " steps; keeping the checkpoint of step " + best.step());
        }
        if (stoppedEarly) {
            progress.message("early stop after step " + step + ": no better dev " + task.scoreName() + " in "
                    + config.patience() + " evaluations; keeping the checkpoint of step " + best.step());
        }
        return new FineTuned<>(
                best.weights(),
                best.evaluation().report(),
                best.evaluation().score(),
                best.step(),
                step,
                examples,
                trainingNanos / 1e9,
                timeUp,
                stoppedEarly,
                config,
                new DevCurve(task.scoreName(), curve));
    }

    private Trainer newTrainer(Model model, FineTuneTask<?> task, FineTuneConfig config, int plannedSteps) {
        Set<String> headIds = Set.of(
                task.block().headWeight().getId(), task.block().headBias().getId());
        WarmupLinearSchedule schedule = new WarmupLinearSchedule(
                config.learningRate(),
                config.headLearningRate(),
                headIds,
                Math.min(plannedSteps - 1, Math.round(config.warmupFraction() * plannedSteps)),
                plannedSteps);
        return newTrainer(
                model, task, Adam.builder().optLearningRateTracker(schedule).build());
    }

    private static Trainer newTrainer(Model model, FineTuneTask<?> task, Optimizer optimizer) {
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(task.loss())
                .optOptimizer(optimizer)
                .optDevices(new Device[] {model.getNDManager().getDevice()});
        Trainer trainer = model.newTrainer(trainingConfig);
        trainer.initialize(new Shape(1, 2), new Shape(1, 2), new Shape(1, 2));
        return trainer;
    }

    /**
     * The requested config with its picked settings chosen for the time left, from the step cost
     * measured on the first epoch's batches; prints the schedule as one line.
     */
    private FineTuneConfig pickSchedule(
            Model model, FineTuneTask<?> task, GradientStep gradientStep, int[] lengths, long deadline) {
        List<int[]> firstEpoch = epochBatches(lengths, requested.batchSize(), new Random(requested.seed()));
        StepCost cost;
        // a trainer of its own, with an optimizer whose state is thrown away and whose rate is 0, so that
        // its steps cost what the run's do and change nothing: the run's schedule depends on what it measures
        try (Trainer trainer = newTrainer(
                model,
                task,
                Adam.builder().optLearningRateTracker(Tracker.fixed(0f)).build())) {
            cost = new StepCostProbe(nanoTime).measure(trainer, gradientStep, task, firstEpoch);
        }
        long epochTokens = 0;
        for (int[] rows : firstEpoch) {
            epochTokens += StepCostProbe.paddedTokens(rows, task::tokens);
        }
        long devTokens = 0;
        int[] devLengths = new int[task.devExamples()];
        for (int i = 0; i < devLengths.length; i++) {
            devLengths[i] = task.devTokens(i);
        }
        for (int[] rows : DevBatches.byLength(devLengths)) {
            devTokens += StepCostProbe.paddedTokens(rows, i -> devLengths[i]);
        }
        double secondsLeft = Math.max(0, deadline - nanoTime.getAsLong()) / 1e9;
        FineTuneConfig config = SchedulePicker.pick(
                requested,
                secondsLeft,
                cost,
                new DataSizes(lengths.length, epochTokens, devTokens),
                task.headLearningRate());
        progress.message(describe(config, secondsLeft, cost, epochTokens / firstEpoch.size(), devTokens));
        return config;
    }

    /** The schedule as the command-line options that repeat it, with what it was planned from. */
    private static String describe(
            FineTuneConfig c, double secondsLeft, StepCost cost, long tokensPerStep, long devTokens) {
        return String.format(
                Locale.ROOT,
                "schedule for %.0f s (measured %.3f s a step, %.1f s a dev evaluation): --epochs %d --max-steps %d"
                        + " --max-length %d --lr %s --head-lr %s --warmup %s --eval-every %d --patience %d --batch %d",
                secondsLeft,
                tokensPerStep * cost.trainSecondsPerToken(),
                devTokens * cost.devSecondsPerToken(),
                c.epochs(),
                c.maxSteps(),
                c.maxLength(),
                Float.toString(c.learningRate()),
                Float.toString(c.headLearningRate()),
                Float.toString(c.warmupFraction()),
                c.evalEverySteps(),
                c.patience(),
                c.batchSize());
    }

    private <R> Checkpoint<R> evaluate(
            Trainer trainer, FineTuneTask<R> task, int step, Checkpoint<R> best, List<DevCurve.Point> curve) {
        FineTuneTask.Evaluation<R> evaluation = task.evaluate(trainer);
        curve.add(new DevCurve.Point(step, evaluation.score()));
        boolean better = best == null || evaluation.score() > best.evaluation().score();
        progress.evaluated(step, task.scoreName(), evaluation.score(), better);
        return better ? new Checkpoint<>(ClassifierWeights.of(task.block()), evaluation, step) : best;
    }

    /**
     * One epoch's batches: a seeded shuffle, then within windows of {@value #LENGTH_BUCKET_BATCHES}
     * batches the rows are sorted by length (so a batch pads little) and the window's batches shuffled.
     */
    private static List<int[]> epochBatches(int[] lengths, int batchSize, Random random) {
        List<Integer> rows = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            rows.add(i);
        }
        Collections.shuffle(rows, random);
        int window = batchSize * LENGTH_BUCKET_BATCHES;
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += window) {
            List<Integer> bucket = new ArrayList<>(rows.subList(start, Math.min(rows.size(), start + window)));
            bucket.sort((a, b) -> Integer.compare(lengths[a], lengths[b]));
            List<int[]> windowBatches = new ArrayList<>();
            for (int b = 0; b < bucket.size(); b += batchSize) {
                windowBatches.add(bucket.subList(b, Math.min(bucket.size(), b + batchSize)).stream()
                        .mapToInt(Integer::intValue)
                        .toArray());
            }
            Collections.shuffle(windowBatches, random);
            batches.addAll(windowBatches);
        }
        return batches;
    }

    private record Checkpoint<R>(ClassifierWeights weights, FineTuneTask.Evaluation<R> evaluation, int step) {}
}
