package io.streamnlp.training.heads;

import io.streamnlp.training.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * Trains a {@link Head} with mini-batch Adam on class-weighted, optionally label-smoothed cross-entropy
 * plus L2 weight decay, with dropout on the hidden layer, early stopping and temperature scaling on a dev
 * set. Single-threaded and seeded: the same rows in the same order give bit-identical weights.
 */
public final class HeadTrainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final TrainingConfig config;
    private final ProgressListener progress;

    public HeadTrainer(TrainingConfig config, ProgressListener progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * @param phase what the progress bar calls this training run
     * @param x input rows, all of one width
     * @param labels the label of each row; the head's labels are their sorted set
     */
    public Head train(String phase, List<float[]> x, List<String> labels) {
        return fit(phase, x, labels, List.of(), List.of()).head();
    }

    /**
     * Trains with a dev set: after every epoch the head is scored on dev (macro-F1), training stops once
     * {@link TrainingConfig#patience()} epochs bring no improvement and the best epoch's weights are kept;
     * then, if {@link TrainingConfig#temperatureScaling()} is set, one temperature fitted on dev (lowest
     * log-loss) is folded into the output layer, so that the probabilities are calibrated without changing
     * any prediction. With an empty dev set this is {@link #train}.
     */
    public FittedHead fit(
            String phase, List<float[]> x, List<String> labels, List<float[]> devX, List<String> devLabels) {
        if (x.isEmpty() || x.size() != labels.size()) {
            throw new IllegalArgumentException("need one label per row and at least one row, got " + x.size()
                    + " rows and " + labels.size() + " labels");
        }
        if (devX.size() != devLabels.size()) {
            throw new IllegalArgumentException(
                    "need one dev label per dev row, got " + devX.size() + " and " + devLabels.size());
        }
        List<String> names = new ArrayList<>(new TreeSet<>(labels));
        if (names.size() < 2) {
            throw new IllegalArgumentException(
                    "training data has only one label " + names + "; a head needs at least two");
        }
        int d = x.get(0).length;
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("rows differ in width: " + d + " and " + row.length);
            }
        }
        int[] y = labels.stream().mapToInt(names::indexOf).toArray();
        return new Run(d, names, x, y).fit(phase, devX, devLabels);
    }

    /** Mean example weight 1; class c weighs (n / (k * n_c))^power before normalisation. */
    static double[] classWeights(int[] y, int k, double power) {
        double[] counts = new double[k];
        for (int label : y) {
            counts[label]++;
        }
        double[] w = new double[k];
        double total = 0;
        for (int c = 0; c < k; c++) {
            w[c] = counts[c] == 0 ? 0 : Math.pow(y.length / (k * counts[c]), power);
            total += w[c] * counts[c];
        }
        for (int c = 0; c < k; c++) {
            w[c] *= y.length / total;
        }
        return w;
    }

    private final class Run {
        private final int d;
        private final int h;
        private final int k;
        private final List<String> names;
        private final List<float[]> x;
        private final int[] y;
        private final double[] classWeight;
        private final Param w1;
        private final Param b1;
        private final Param w2;
        private final Param b2;
        private long step;

        Run(int d, List<String> names, List<float[]> x, int[] y) {
            this.d = d;
            this.h = config.hiddenUnits();
            this.k = names.size();
            this.names = names;
            this.x = x;
            this.y = y;
            this.classWeight = classWeights(y, k, config.classWeightPower());
            Random init = new Random(config.seed());
            int in = h == 0 ? d : h;
            this.w1 = new Param(d * h, true);
            this.b1 = new Param(h, false);
            this.w2 = new Param(in * k, true);
            this.b2 = new Param(k, false);
            if (h > 0) {
                // He initialisation for the ReLU layer; a linear head starts at zero (convex, no symmetry to break)
                w1.randomize(init, Math.sqrt(2.0 / d));
                w2.randomize(init, Math.sqrt(1.0 / h));
            }
        }

        FittedHead fit(String phase, List<float[]> devX, List<String> devLabels) {
            int n = x.size();
            int batches = (n + config.batchSize() - 1) / config.batchSize();
            progress.start(phase, (long) config.epochs() * batches);
            Random shuffle = new Random(config.seed() ^ 0x9E3779B97F4A7C15L);
            Random dropout = new Random(config.seed() ^ 0x2545F4914F6CDD1DL);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            boolean early = !devX.isEmpty() && config.patience() > 0;
            List<Double> devCurve = new ArrayList<>();
            Head best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            int bestEpoch = 0;
            double loss = 0;
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                shuffle(order, shuffle);
                loss = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * config.batchSize();
                    int to = Math.min(n, from + config.batchSize());
                    loss += batch(order, from, to, dropout);
                    progress.advance((long) epoch * batches + b + 1);
                }
                loss /= n;
                if (!devX.isEmpty()) {
                    Head current = snapshot();
                    double score = macroF1(current, devX, devLabels);
                    devCurve.add(score);
                    if (score > bestScore) {
                        bestScore = score;
                        best = current;
                        bestEpoch = epoch + 1;
                    } else if (early && epoch + 1 - bestEpoch >= config.patience()) {
                        break;
                    }
                }
            }
            Head head = early ? best : snapshot();
            int epochs = early ? bestEpoch : config.epochs();
            double temperature = 1;
            if (!devX.isEmpty() && config.temperatureScaling()) {
                temperature = Temperature.fit(head, devX, devLabels);
                head = head.withTemperature(temperature);
            }
            progress.finish(String.format(
                    Locale.ROOT,
                    "final epoch loss %.4f%s",
                    loss,
                    devX.isEmpty()
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    ", kept epoch %d (dev macro-F1 %.4f), temperature %.3f",
                                    epochs,
                                    early ? bestScore : devCurve.get(devCurve.size() - 1),
                                    temperature)));
            return new FittedHead(head, epochs, devCurve, temperature);
        }

        private Head snapshot() {
            return new Head(d, names, w1.value.clone(), b1.value.clone(), w2.value.clone(), b2.value.clone());
        }

        private double batch(int[] order, int from, int to, Random dropout) {
            double smoothing = config.labelSmoothing();
            double keep = 1 - config.dropout();
            double loss = 0;
            for (int idx = from; idx < to; idx++) {
                int i = order[idx];
                float[] xi = x.get(i);
                float[] z1 = h == 0 ? null : Head.affine(xi, w1.value, b1.value);
                float[] a1 = h == 0 ? xi : Head.relu(z1);
                float[] mask = null;
                if (h > 0 && keep < 1) {
                    // inverted dropout: surviving units are scaled up in training, so inference needs no change
                    mask = new float[h];
                    for (int u = 0; u < h; u++) {
                        mask[u] = dropout.nextDouble() < keep ? (float) (1 / keep) : 0f;
                        a1[u] *= mask[u];
                    }
                }
                float[] p = Head.softmax(Head.affine(a1, w2.value, b2.value));
                double weight = classWeight[y[i]];
                float[] dLogits = new float[k];
                for (int j = 0; j < k; j++) {
                    double target = (j == y[i] ? 1 - smoothing : 0) + smoothing / k;
                    if (target > 0) {
                        loss -= weight * target * Math.log(Math.max(p[j], 1e-12));
                    }
                    dLogits[j] = (float) (weight * (p[j] - target));
                }
                outer(a1, dLogits, w2.grad);
                add(dLogits, b2.grad);
                if (h > 0) {
                    float[] dz1 = new float[h];
                    for (int u = 0; u < h; u++) {
                        if (z1[u] > 0 && (mask == null || mask[u] > 0)) {
                            double s = 0;
                            int row = u * k;
                            for (int j = 0; j < k; j++) {
                                s += w2.value[row + j] * dLogits[j];
                            }
                            dz1[u] = (float) (mask == null ? s : s * mask[u]);
                        }
                    }
                    outer(xi, dz1, w1.grad);
                    add(dz1, b1.grad);
                }
            }
            step++;
            int size = to - from;
            for (Param p : new Param[] {w1, b1, w2, b2}) {
                p.adam(size, step);
            }
            return loss;
        }

        private void outer(float[] a, float[] b, double[] grad) {
            int cols = b.length;
            for (int i = 0; i < a.length; i++) {
                float ai = a[i];
                if (ai == 0f) {
                    continue;
                }
                int row = i * cols;
                for (int j = 0; j < cols; j++) {
                    grad[row + j] += ai * b[j];
                }
            }
        }

        private void add(float[] v, double[] grad) {
            for (int j = 0; j < v.length; j++) {
                grad[j] += v[j];
            }
        }
    }

    private final class Param {
        final float[] value;
        final double[] grad;
        final double[] m;
        final double[] v;
        final boolean decays;

        Param(int size, boolean decays) {
            this.value = new float[size];
            this.grad = new double[size];
            this.m = new double[size];
            this.v = new double[size];
            this.decays = decays;
        }

        void randomize(Random r, double std) {
            for (int i = 0; i < value.length; i++) {
                value[i] = (float) (r.nextGaussian() * std);
            }
        }

        void adam(int batchSize, long t) {
            double lr = config.learningRate() * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
            double l2 = decays ? config.l2() : 0;
            for (int i = 0; i < value.length; i++) {
                double g = grad[i] / batchSize + l2 * value[i];
                m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
                value[i] -= (float) (lr * m[i] / (Math.sqrt(v[i]) + EPSILON));
                grad[i] = 0;
            }
        }
    }

    private static double macroF1(Head head, List<float[]> x, List<String> gold) {
        List<String> predicted = new ArrayList<>(x.size());
        for (float[] row : x) {
            predicted.add(head.predict(row));
        }
        return ClassificationReport.of(gold, predicted).macroF1();
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
