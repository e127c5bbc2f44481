package io.streamnlp.finetune.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import io.streamnlp.finetune.model.ClassifierWeights;
import io.streamnlp.finetune.model.EncoderTokenizer;
import io.streamnlp.finetune.model.SentenceClassifier;
import io.streamnlp.finetune.model.TokenBatch;
import io.streamnlp.training.data.LabeledText;
import io.streamnlp.training.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Fine-tunes a {@link SentenceClassifier} (encoder and head together) with DJL's training API:
 * cross-entropy, Adam with a warm-up/linear-decay schedule (a larger rate for the fresh head),
 * global gradient-norm clipping. The data order is seeded; nothing else is random (no dropout), so
 * a run on the same CPU with the same thread count repeats exactly. Dev accuracy picks the
 * checkpoint that is returned.
 */
public final class ClassificationFineTuner {

    /** Batches sorted by length within windows of this many batches: less padding, still shuffled. */
    private static final int LENGTH_BUCKET_BATCHES = 50;
    private static final int EVAL_BATCH = 64;

    private final FineTuneConfig config;
    private final TrainingProgress progress;
    private final LongSupplier nanoTime;

    public ClassificationFineTuner(FineTuneConfig config, TrainingProgress progress) {
        this(config, progress, System::nanoTime);
    }

    ClassificationFineTuner(FineTuneConfig config, TrainingProgress progress, LongSupplier nanoTime) {
        this.config = config;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    /**
     * Trains {@code classifier}, whose arrays belong to {@code model}, on {@code train}; {@code dev}
     * chooses the checkpoint.
     *
     * @throws IllegalArgumentException if the data is empty or a training label is not one of the classifier's
     */
    public FineTunedClassifier train(Model model, SentenceClassifier classifier, EncoderTokenizer tokenizer,
            List<LabeledText> train, List<LabeledText> dev) {
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("training and dev data must not be empty");
        }
        Map<String, Integer> labelIndex = new HashMap<>();
        for (String label : classifier.labels()) {
            labelIndex.put(label, labelIndex.size());
        }
        for (LabeledText t : train) {
            if (!labelIndex.containsKey(t.label())) {
                throw new IllegalArgumentException("training label '" + t.label() + "' is not one of " + classifier.labels());
            }
        }
        int[] lengths = train.stream().mapToInt(t -> tokenizer.length(t.text())).toArray();
        int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        int plannedSteps = config.maxSteps() > 0 ? Math.min(config.maxSteps(), stepsPerEpoch * config.epochs())
                : stepsPerEpoch * config.epochs();
        int evalEvery = config.evalEverySteps() > 0 ? config.evalEverySteps() : stepsPerEpoch;

        Set<String> headIds = Set.of(classifier.headWeight().getId(), classifier.headBias().getId());
        WarmupLinearSchedule schedule = new WarmupLinearSchedule(config.learningRate(), config.headLearningRate(),
                headIds, Math.min(plannedSteps - 1, Math.round(config.warmupFraction() * plannedSteps)), plannedSteps);
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Adam.builder().optLearningRateTracker(schedule).build())
                .optDevices(new Device[] {model.getNDManager().getDevice()});

        progress.start(plannedSteps);
        Checkpoint best = null;
        int step = 0;
        long examples = 0;
        long trainingNanos = 0;
        long deadline = config.maxSeconds() > 0 ? nanoTime.getAsLong() + config.maxSeconds() * 1_000_000_000L : Long.MAX_VALUE;
        boolean timeUp = false;
        int lastEvaluated = 0;
        try (Trainer trainer = model.newTrainer(trainingConfig)) {
            trainer.initialize(new Shape(1, 2), new Shape(1, 2), new Shape(1, 2));
            List<Parameter> parameters = new ArrayList<>();
            classifier.getParameters().forEach(p -> parameters.add(p.getValue()));
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
                    float loss = step(trainer, parameters, tokenizer, train, labelIndex, rows);
                    trainingNanos += nanoTime.getAsLong() - started;
                    step++;
                    examples += rows.length;
                    progress.step(step, epoch, loss, examples / (trainingNanos / 1e9));
                    if (step % evalEvery == 0) {
                        best = evaluate(trainer, classifier, tokenizer, dev, step, best);
                        lastEvaluated = step;
                    }
                }
            }
            if (lastEvaluated != step || best == null) {
                best = evaluate(trainer, classifier, tokenizer, dev, step, best);
            }
        }
        if (timeUp) {
            progress.message("time limit of " + config.maxSeconds() + " s reached after " + step + " of " + plannedSteps
                    + " steps; keeping the checkpoint of step " + best.step());
        }
        return new FineTunedClassifier(best.weights(), best.report(), best.step(), step, examples, trainingNanos / 1e9,
                timeUp);
    }

    private float step(Trainer trainer, List<Parameter> parameters, EncoderTokenizer tokenizer, List<LabeledText> data,
            Map<String, Integer> labelIndex, int[] rows) {
        List<String> texts = new ArrayList<>(rows.length);
        long[] labels = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            LabeledText example = data.get(rows[i]);
            texts.add(example.text());
            labels[i] = labelIndex.get(example.label());
        }
        TokenBatch batch = tokenizer.encode(texts);
        try (NDManager m = trainer.getManager().newSubManager()) {
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(batch.toNDList(m));
                NDArray lossValue = trainer.getLoss().evaluate(new NDList(m.create(labels)), predictions);
                collector.backward(lossValue);
                loss = lossValue.getFloat();
            }
            clipGradients(parameters, m);
            trainer.step();
            return loss;
        }
    }

    /** Scales all gradients together so that their global L2 norm is at most {@code maxGradNorm}. */
    private void clipGradients(List<Parameter> parameters, NDManager m) {
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        double squares = 0;
        for (Parameter p : parameters) {
            NDArray g = p.getArray().getGradient();
            g.attach(m);
            gradients.add(g);
            squares += g.pow(2).sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        if (norm > config.maxGradNorm()) {
            float scale = (float) (config.maxGradNorm() / (norm + 1e-6));
            for (NDArray g : gradients) {
                g.muli(scale);
            }
        }
    }

    private Checkpoint evaluate(Trainer trainer, SentenceClassifier classifier, EncoderTokenizer tokenizer,
            List<LabeledText> dev, int step, Checkpoint best) {
        List<String> predicted = predict(trainer, classifier.labels(), tokenizer, dev.stream().map(LabeledText::text).toList());
        ClassificationReport report = ClassificationReport.of(dev.stream().map(LabeledText::label).toList(), predicted);
        boolean better = best == null || report.accuracy() > best.report().accuracy();
        progress.evaluated(step, report.accuracy(), better);
        return better ? new Checkpoint(ClassifierWeights.of(classifier), report, step) : best;
    }

    /** The top label of each text, in the order given. */
    static List<String> predict(Trainer trainer, List<String> labels, EncoderTokenizer tokenizer, List<String> texts) {
        String[] predicted = new String[texts.size()];
        Integer[] order = new Integer[texts.size()];
        int[] lengths = new int[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            lengths[i] = tokenizer.length(texts.get(i));
        }
        Arrays.sort(order, (a, b) -> Integer.compare(lengths[a], lengths[b]));
        for (int start = 0; start < order.length; start += EVAL_BATCH) {
            int end = Math.min(order.length, start + EVAL_BATCH);
            List<String> chunk = new ArrayList<>();
            for (int i = start; i < end; i++) {
                chunk.add(texts.get(order[i]));
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
                long[] top = trainer.evaluate(tokenizer.encode(chunk).toNDList(m)).singletonOrThrow().argMax(1).toLongArray();
                for (int i = start; i < end; i++) {
                    predicted[order[i]] = labels.get((int) top[i - start]);
                }
            }
        }
        return List.of(predicted);
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
                windowBatches.add(bucket.subList(b, Math.min(bucket.size(), b + config.batchSize()))
                        .stream().mapToInt(Integer::intValue).toArray());
            }
            Collections.shuffle(windowBatches, random);
            batches.addAll(windowBatches);
        }
        return batches;
    }

    private record Checkpoint(ClassifierWeights weights, ClassificationReport report, int step) {}
}
