package io.streamnlp.finetune.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.PairSimilarity;
import io.streamnlp.training.data.LabeledText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * SetFit's contrastive step (Tunstall et al., 2022), run on the encoder before the head is trained:
 * pairs of training texts, alternately of the same label (target cosine similarity 1) and of different
 * labels (target 0), mean squared error on the cosine of their pooled embeddings. With few examples per
 * label it is meant to pull each label's texts together before a linear head has to separate them.
 */
public final class ContrastiveTuner {

    /** SetFit's rate for the encoder ("body"), with a linear warm-up and decay. */
    static final float LEARNING_RATE = 2e-5f;

    private static final float WARMUP_FRACTION = 0.1f;

    private final int steps;
    private final int pairsPerStep;
    private final float maxGradNorm;
    private final long seed;
    private final TrainingProgress progress;

    /** @param pairsPerStep pairs a step; a step encodes twice as many texts */
    public ContrastiveTuner(int steps, int pairsPerStep, float maxGradNorm, long seed, TrainingProgress progress) {
        if (steps < 1 || pairsPerStep < 1) {
            throw new IllegalArgumentException(
                    "need steps and pairs per step >= 1, got " + steps + ", " + pairsPerStep);
        }
        this.steps = steps;
        this.pairsPerStep = pairsPerStep;
        this.maxGradNorm = maxGradNorm;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Trains the encoder of {@code model}'s block.
     *
     * @param model a model whose block is a {@link PairSimilarity}
     * @throws IllegalArgumentException if the texts have fewer than 2 labels
     */
    public void train(Model model, EncoderTokenizer tokenizer, List<LabeledText> train) {
        List<Pair> pairs = pairs(train, steps * pairsPerStep, new Random(seed));
        WarmupLinearSchedule schedule = new WarmupLinearSchedule(
                LEARNING_RATE, LEARNING_RATE, Set.of(), Math.round(WARMUP_FRACTION * (steps - 1)), steps);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss("cosine", 1))
                .optOptimizer(Adam.builder().optLearningRateTracker(schedule).build())
                .optDevices(new Device[] {model.getNDManager().getDevice()});
        GradientStep gradientStep = new GradientStep(model.getBlock(), maxGradNorm);
        progress.start("contrastive", steps);
        long started = System.nanoTime();
        int skipped = 0;
        try (Trainer trainer = model.newTrainer(config)) {
            Shape one = new Shape(1, 2);
            trainer.initialize(one, one, one, one, one, one);
            for (int step = 1; step <= steps; step++) {
                List<Pair> batch = pairs.subList((step - 1) * pairsPerStep, step * pairsPerStep);
                float loss = gradientStep.compute(trainer, m -> batch(batch, train, tokenizer, m));
                if (Float.isNaN(loss)) {
                    skipped++;
                    continue;
                }
                trainer.step();
                progress.step(step, 1, loss, (double) step * pairsPerStep * 2 / ((System.nanoTime() - started) / 1e9));
            }
        }
        progress.message(String.format(
                Locale.ROOT,
                "contrastive step: %d steps of %d pairs in %.0f s%s",
                steps,
                pairsPerStep,
                (System.nanoTime() - started) / 1e9,
                skipped > 0 ? ", " + skipped + " skipped for a loss or gradient that was not finite" : ""));
    }

    /** {@code count} pairs, alternately of one label (where it has two texts) and of two labels. */
    static List<Pair> pairs(List<LabeledText> train, int count, Random random) {
        Map<String, List<Integer>> byLabel = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            byLabel.computeIfAbsent(train.get(i).label(), l -> new ArrayList<>())
                    .add(i);
        }
        if (byLabel.size() < 2) {
            throw new IllegalArgumentException(
                    "the contrastive step needs at least 2 labels, found " + byLabel.keySet());
        }
        List<Pair> pairs = new ArrayList<>(count);
        while (pairs.size() < count) {
            int anchor = random.nextInt(train.size());
            List<Integer> same = byLabel.get(train.get(anchor).label());
            if (pairs.size() % 2 == 0) {
                if (same.size() < 2) {
                    continue;
                }
                int other = same.get(random.nextInt(same.size() - 1));
                pairs.add(new Pair(anchor, other == anchor ? same.get(same.size() - 1) : other, 1f));
            } else {
                int other = random.nextInt(train.size());
                if (!train.get(other).label().equals(train.get(anchor).label())) {
                    pairs.add(new Pair(anchor, other, 0f));
                }
            }
        }
        return pairs;
    }

    private static FineTuneTask.Batch batch(
            List<Pair> pairs, List<LabeledText> train, EncoderTokenizer tokenizer, NDManager m) {
        List<String> first = new ArrayList<>(pairs.size());
        List<String> second = new ArrayList<>(pairs.size());
        float[] similar = new float[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            first.add(train.get(pairs.get(i).first()).text());
            second.add(train.get(pairs.get(i).second()).text());
            similar[i] = pairs.get(i).similarity();
        }
        NDList inputs = tokenizer.encode(first).toNDList(m);
        inputs.addAll(tokenizer.encode(second).toNDList(m));
        return new FineTuneTask.Batch(inputs, new NDList(m.create(similar)));
    }

    /** Two training texts by index and their target cosine similarity. */
    record Pair(int first, int second, float similarity) {}
}
