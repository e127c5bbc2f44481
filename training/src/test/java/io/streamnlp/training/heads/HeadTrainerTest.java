package io.streamnlp.training.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.training.metrics.ClassificationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadTrainerTest {
    private static final TrainingConfig QUICK = new TrainingConfig(20, 16, 0.05, 1e-5, 0, 0, 0, 0, 0, false, 7);

    /** Three Gaussian blobs in 4 dimensions; {@code xor} adds a class that no linear map separates. */
    static Data blobs(int perClass, long seed) {
        Random r = new Random(seed);
        float[][] centres = {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}};
        Data d = new Data();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < centres.length; c++) {
                float[] x = new float[4];
                for (int k = 0; k < 4; k++) {
                    x[k] = centres[c][k] + (float) (r.nextGaussian() * 0.5);
                }
                d.x.add(x);
                d.y.add("c" + c);
            }
        }
        return d;
    }

    @Test
    void linearHeadSeparatesBlobs() {
        Data train = blobs(50, 1);
        Data test = blobs(30, 2);
        Head head = new HeadTrainer(QUICK, ProgressListener.NONE).train("t", train.x, train.y);

        assertEquals(List.of("c0", "c1", "c2"), head.labels());
        assertTrue(accuracy(head, test) > 0.95, "accuracy " + accuracy(head, test));
        float[] p = head.probabilities(test.x.get(0));
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-5);
    }

    @Test
    void hiddenLayerLearnsXor() {
        Random r = new Random(3);
        Data d = new Data();
        for (int i = 0; i < 400; i++) {
            float a = r.nextBoolean() ? 1 : -1;
            float b = r.nextBoolean() ? 1 : -1;
            d.x.add(new float[] {a + (float) r.nextGaussian() * 0.1f, b + (float) r.nextGaussian() * 0.1f});
            d.y.add(a * b > 0 ? "same" : "different");
        }
        Head linear = new HeadTrainer(QUICK, ProgressListener.NONE).train("t", d.x, d.y);
        Head mlp = new HeadTrainer(QUICK.withHiddenUnits(16).withLearningRate(0.01), ProgressListener.NONE)
                .train("t", d.x, d.y);

        assertTrue(accuracy(linear, d) < 0.8, "a linear head cannot learn xor: " + accuracy(linear, d));
        assertTrue(accuracy(mlp, d) > 0.97, "mlp accuracy " + accuracy(mlp, d));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        Data d = blobs(20, 4);
        TrainingConfig mlp = QUICK.withHiddenUnits(8);
        Head a = new HeadTrainer(mlp, ProgressListener.NONE).train("t", d.x, d.y);
        Head b = new HeadTrainer(mlp, ProgressListener.NONE).train("t", d.x, d.y);
        Head c = new HeadTrainer(mlp.withSeed(8), ProgressListener.NONE).train("t", d.x, d.y);

        assertArrayEquals(a.hiddenWeights(), b.hiddenWeights());
        assertArrayEquals(a.outputWeights(), b.outputWeights());
        assertFalse(Arrays.equals(a.outputWeights(), c.outputWeights()));
    }

    @Test
    void balancedClassWeightsGiveEveryClassTheSameTotalWeight() {
        int[] y = {0, 0, 0, 0, 0, 0, 1, 1};
        double[] w = HeadTrainer.classWeights(y, 2, 1.0);
        assertEquals(6 * w[0], 2 * w[1], 1e-12);
        assertEquals(8, 6 * w[0] + 2 * w[1], 1e-12);
        assertArrayEquals(new double[] {1, 1}, HeadTrainer.classWeights(y, 2, 0.0), 1e-12);
    }

    @Test
    void classWeightingRaisesRecallOfARareClass() {
        Random r = new Random(5);
        Data d = new Data();
        for (int i = 0; i < 600; i++) {
            boolean rare = i % 20 == 0;
            d.x.add(new float[] {(rare ? 0.6f : 0f) + (float) r.nextGaussian() * 0.5f, (float) r.nextGaussian()});
            d.y.add(rare ? "rare" : "common");
        }
        Head plain = new HeadTrainer(QUICK, ProgressListener.NONE).train("t", d.x, d.y);
        Head weighted = new HeadTrainer(QUICK.withClassWeightPower(1), ProgressListener.NONE).train("t", d.x, d.y);

        assertTrue(
                recall(weighted, d, "rare") > recall(plain, d, "rare") + 0.3,
                recall(plain, d, "rare") + " -> " + recall(weighted, d, "rare"));
    }

    @Test
    void dropoutIsSeededAndTheHeadStillLearns() {
        Data d = blobs(40, 6);
        TrainingConfig dropout =
                QUICK.withHiddenUnits(16).withLearningRate(0.01).withDropout(0.5);
        Head a = new HeadTrainer(dropout, ProgressListener.NONE).train("t", d.x, d.y);
        Head b = new HeadTrainer(dropout, ProgressListener.NONE).train("t", d.x, d.y);
        Head without = new HeadTrainer(dropout.withDropout(0), ProgressListener.NONE).train("t", d.x, d.y);

        assertArrayEquals(a.hiddenWeights(), b.hiddenWeights());
        assertFalse(Arrays.equals(a.hiddenWeights(), without.hiddenWeights()));
        assertTrue(accuracy(a, blobs(30, 7)) > 0.95, "accuracy " + accuracy(a, blobs(30, 7)));
    }

    @Test
    void labelSmoothingKeepsProbabilitiesAwayFromCertainty() {
        Data d = blobs(40, 8);
        TrainingConfig longer = QUICK.withEpochs(60);
        Head plain = new HeadTrainer(longer, ProgressListener.NONE).train("t", d.x, d.y);
        Head smoothed = new HeadTrainer(longer.withLabelSmoothing(0.2), ProgressListener.NONE).train("t", d.x, d.y);

        // the smoothed target of the true label is 1 - 0.2 + 0.2 / 3 = 0.867
        assertTrue(meanTopProbability(plain, d) > 0.97, "plain " + meanTopProbability(plain, d));
        assertTrue(meanTopProbability(smoothed, d) < 0.9, "smoothed " + meanTopProbability(smoothed, d));
        assertTrue(accuracy(smoothed, blobs(30, 9)) > 0.95);
    }

    @Test
    void earlyStoppingKeepsTheBestDevEpochAndStops() {
        Data train = blobs(40, 10);
        Data dev = blobs(30, 11);
        FittedHead fitted = new HeadTrainer(QUICK.withEpochs(50).withPatience(3), ProgressListener.NONE)
                .fit("t", train.x, train.y, dev.x, dev.y);

        List<Double> curve = fitted.devCurve();
        double best = curve.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(curve.size() < 50, "stopped after " + curve.size() + " epochs");
        assertEquals(curve.indexOf(best) + 1, fitted.epochs());
        assertEquals(curve.size(), fitted.epochs() + 3, "three epochs without improvement, then stop");
        assertEquals(best, macroF1(fitted.head(), dev), 1e-12);
    }

    @Test
    void temperatureScalingCalibratesWithoutChangingPredictions() {
        // overlapping classes and a long run without weight decay: an over-confident head
        Random r = new Random(12);
        Data train = new Data();
        Data dev = new Data();
        for (Data d : List.of(train, dev)) {
            for (int i = 0; i < 300; i++) {
                boolean positive = r.nextBoolean();
                float[] x = new float[8];
                x[0] = (positive ? 0.5f : -0.5f) + (float) r.nextGaussian();
                for (int k = 1; k < x.length; k++) {
                    x[k] = (float) r.nextGaussian();
                }
                d.x.add(x);
                d.y.add(positive ? "pos" : "neg");
            }
        }
        TrainingConfig overfit =
                QUICK.withHiddenUnits(64).withLearningRate(0.02).withL2(0).withEpochs(80);
        Head raw = new HeadTrainer(overfit, ProgressListener.NONE).train("t", train.x, train.y);
        FittedHead calibrated = new HeadTrainer(overfit.withTemperatureScaling(true), ProgressListener.NONE)
                .fit("t", train.x, train.y, dev.x, dev.y);

        assertTrue(calibrated.temperature() > 1.2, "temperature " + calibrated.temperature());
        for (float[] x : dev.x) {
            assertEquals(raw.predict(x), calibrated.head().predict(x));
        }
        assertTrue(
                logLoss(calibrated.head(), dev) < logLoss(raw, dev) - 0.05,
                logLoss(raw, dev) + " -> " + logLoss(calibrated.head(), dev));
    }

    @Test
    void rejectsUnusableData() {
        HeadTrainer trainer = new HeadTrainer(QUICK, ProgressListener.NONE);
        assertThrows(IllegalArgumentException.class, () -> trainer.train("t", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> trainer.train("t", List.of(new float[] {1}), List.of("a")));
        assertThrows(
                IllegalArgumentException.class,
                () -> trainer.train("t", List.of(new float[] {1}, new float[] {1, 2}), List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(0, 1, 0.1, 0, 0, 0, 0, 0, 0, false, 1));
    }

    static double accuracy(Head head, Data d) {
        int correct = 0;
        for (int i = 0; i < d.x.size(); i++) {
            correct += head.predict(d.x.get(i)).equals(d.y.get(i)) ? 1 : 0;
        }
        return (double) correct / d.x.size();
    }

    private static double meanTopProbability(Head head, Data d) {
        double sum = 0;
        for (float[] x : d.x) {
            float[] p = head.probabilities(x);
            sum += p[Head.argmax(p)];
        }
        return sum / d.x.size();
    }

    private static double macroF1(Head head, Data d) {
        return ClassificationReport.of(d.y, d.x.stream().map(head::predict).toList())
                .macroF1();
    }

    private static double logLoss(Head head, Data d) {
        double sum = 0;
        for (int i = 0; i < d.x.size(); i++) {
            sum -= Math.log(head.probabilities(d.x.get(i))[head.labels().indexOf(d.y.get(i))]);
        }
        return sum / d.x.size();
    }

    private static double recall(Head head, Data d, String label) {
        int hit = 0;
        int total = 0;
        for (int i = 0; i < d.x.size(); i++) {
            if (d.y.get(i).equals(label)) {
                total++;
                hit += head.predict(d.x.get(i)).equals(label) ? 1 : 0;
            }
        }
        return (double) hit / total;
    }

    static final class Data {
        final List<float[]> x = new ArrayList<>();
        final List<String> y = new ArrayList<>();
    }
}
