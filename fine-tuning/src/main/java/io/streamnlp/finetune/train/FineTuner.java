package io.streamnlp.finetune.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import io.streamnlp.finetune.model.ClassifierWeights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Fine-tunes the encoder and head of a {@link FineTuneTask} together with DJL's training API: Adam
 * with a warm-up/linear-decay schedule (a larger rate for the fresh head), global gradient-norm
 * clipping. The data order is seeded; nothing else is random (no dropout), so a run on the same CPU
 * with the same thread count repeats exactly. The dev score picks the checkpoint that is returned.
 */
public final class FineTuner {

    /** Batches sorted by length within windows of this many batches: less padding, still shuffled. */
    private static final int LENGTH_BUCKET_BATCHES = 50;
    /** Steps in a row whose loss or gradient is not finite after which training has diverged and stops. */
    static final int MAX_SKIPPED_IN_A_ROW = 10;

    private final FineTuneConfig config;
    private final TrainingProgress progress;
    private final LongSupplier nanoTime;

    public FineTuner(FineTuneConfig config, TrainingProgress progress) {
        this(config, progress, System::nanoTime);
    }

    FineTuner(FineTuneConfig config, TrainingProgress progress, LongSupplier nanoTime) {
        this.config = config;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    /** Trains {@code task}'s block, which must be {@code model}'s block. */
    public <R> FineTuned<R> train(Model model, FineTuneTask<R> task) {
        if (task.trainingExamples() == 0) {
            throw new IllegalArgumentException("training data must not be empty");
        }
        int[] lengths = new int[task.trainingExamples()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = task.tokens(i);
        }
        int stepsPerEpoch = (lengths.length + config.batchSize() - 1) / config.batchSize();
        int plannedSteps = config.maxSteps() > 0
                ? Math.min(config.maxSteps(), stepsPerEpoch * config.epochs())
                : stepsPerEpoch * config.epochs();
        int evalEvery = config.evalEverySteps() > 0 ? config.evalEverySteps() : stepsPerEpoch;

        Set<String> headIds = Set.of(
                task.block().headWeight().getId(), task.block().headBias().getId());
        WarmupLinearSchedule schedule = new WarmupLinearSchedule(
                config.learningRate(),
                config.headLearningRate(),
                headIds,
                Math.min(plannedSteps - 1, Math.round(config.warmupFraction() * plannedSteps)),
                plannedSteps);
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(task.loss())
                .optOptimizer(Adam.builder().optLearningRateTracker(schedule).build())
                .optDevices(new Device[] {model.getNDManager().getDevice()});

        progress.start(plannedSteps);
        Checkpoint<R> best = null;
        int step = 0;
        long examples = 0;
        long trainingNanos = 0;
        long deadline =
                config.maxSeconds() > 0 ? nanoTime.getAsLong() + config.maxSeconds() * 1_000_000_000L : Long.MAX_VALUE;
        boolean timeUp = false;
        boolean diverged = false;
        int skippedInARow = 0;
        int skipped = 0;
        int lastEvaluated = 0;
        try (Trainer trainer = model.newTrainer(trainingConfig)) {
            trainer.initialize(new Shape(1, 2), new Shape(1, 2), new Shape(1, 2));
            List<Parameter> parameters = new ArrayList<>();
            task.block().getParameters().forEach(p -> parameters.add(p.getValue()));
            Random random = new Random(config.seed());
            training:
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                for (int[] rows : epochBatches(lengths, random)) {
                    if (step >= plannedSteps) {
                        break training;
                    }
                    if (nanoTime.getAsLong() >= deadline) {
                        timeUp = true;
                        break training;
                    }
                    long started = nanoTime.getAsLong();
                    float loss = step(trainer, parameters, task, rows);
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
                        best = evaluate(trainer, task, step, best);
                        lastEvaluated = step;
                    }
                }
            }
            if (lastEvaluated != step || best == null) {
                best = evaluate(trainer, task, step, best);
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
        return new FineTuned<>(
                best.weights(),
                best.evaluation().report(),
                best.evaluation().score(),
                best.step(),
                step,
                examples,
                trainingNanos / 1e9,
                timeUp);
    }

    /**
     * One optimizer step; the batch's loss, or NaN when the loss or the gradient was not finite, in
     * which case the weights are left as they were (one such update would make every weight NaN).
     */
    private float step(Trainer trainer, List<Parameter> parameters, FineTuneTask<?> task, int[] rows) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            FineTuneTask.Batch batch = task.batch(rows, m);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray lossValue = trainer.getLoss().evaluate(batch.labels(), trainer.forward(batch.inputs()));
                loss = lossValue.getFloat();
                if (!Float.isFinite(loss)) {
                    return Float.NaN;
                }
                collector.backward(lossValue);
            }
            List<NDArray> gradients = new ArrayList<>(parameters.size());
            for (Parameter p : parameters) {
                NDArray g = p.getArray().getGradient();
                g.attach(m);
                gradients.add(g);
            }
            if (!clipGradients(gradients)) {
                for (NDArray g : gradients) {
                    g.set(new NDIndex("..."), 0f);
                }
                return Float.NaN;
            }
            trainer.step();
            return loss;
        }
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxGradNorm}.
     *
     * @return false, touching nothing, when the norm is not finite
     */
    private boolean clipGradients(List<NDArray> gradients) {
        double squares = 0;
        for (NDArray g : gradients) {
            squares += g.pow(2).sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) {
            return false;
        }
        if (norm > config.maxGradNorm()) {
            float scale = (float) (config.maxGradNorm() / (norm + 1e-6));
            for (NDArray g : gradients) {
                g.muli(scale);
            }
        }
        return true;
    }

    private <R> Checkpoint<R> evaluate(Trainer trainer, FineTuneTask<R> task, int step, Checkpoint<R> best) {
        FineTuneTask.Evaluation<R> evaluation = task.evaluate(trainer);
        boolean better = best == null || evaluation.score() > best.evaluation().score();
        progress.evaluated(step, task.scoreName(), evaluation.score(), better);
        return better ? new Checkpoint<>(ClassifierWeights.of(task.block()), evaluation, step) : best;
    }

    /**
     * One epoch's batches: a seeded shuffle, then within windows of {@value #LENGTH_BUCKET_BATCHES}
     * batches the rows are sorted by length (so a batch pads little) and the window's batches shuffled.
     */
    private List<int[]> epochBatches(int[] lengths, Random random) {
        List<Integer> rows = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            rows.add(i);
        }
        Collections.shuffle(rows, random);
        int window = config.batchSize() * LENGTH_BUCKET_BATCHES;
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += window) {
            List<Integer> bucket = new ArrayList<>(rows.subList(start, Math.min(rows.size(), start + window)));
            bucket.sort((a, b) -> Integer.compare(lengths[a], lengths[b]));
            List<int[]> windowBatches = new ArrayList<>();
            for (int b = 0; b < bucket.size(); b += config.batchSize()) {
                windowBatches.add(bucket.subList(b, Math.min(bucket.size(), b + config.batchSize())).stream()
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
