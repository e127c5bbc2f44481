package io.streamnlp.training.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadTrainerTest {
    private static final TrainingConfig QUICK = new TrainingConfig(20, 16, 0.05, 1e-5, 0, 0, 7);

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
    void rejectsUnusableData() {
        HeadTrainer trainer = new HeadTrainer(QUICK, ProgressListener.NONE);
        assertThrows(IllegalArgumentException.class, () -> trainer.train("t", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> trainer.train("t", List.of(new float[] {1}), List.of("a")));
        assertThrows(
                IllegalArgumentException.class,
                () -> trainer.train("t", List.of(new float[] {1}, new float[] {1, 2}), List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(0, 1, 0.1, 0, 0, 0, 1));
    }

    static double accuracy(Head head, Data d) {
        int correct = 0;
        for (int i = 0; i < d.x.size(); i++) {
            correct += head.predict(d.x.get(i)).equals(d.y.get(i)) ? 1 : 0;
        }
        return (double) correct / d.x.size();
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
