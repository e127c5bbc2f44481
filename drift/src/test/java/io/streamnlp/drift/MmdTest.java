package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MmdTest {

    @Test
    void matchesAHandComputedValueOnFourPoints() {
        // pooled squared distances 1,1,1,4,4,9 -> median 2.5 -> k = exp(-d^2 / 5);
        // MMD^2 = k(0,1) + k(2,3) - (k(0,2) + k(0,3) + k(1,2) + k(1,3)) / 2 = 1.5e^-0.2 - e^-0.8 - 0.5e^-1.8
        List<float[]> x = List.of(new float[] {0f}, new float[] {1f});
        List<float[]> y = List.of(new float[] {2f}, new float[] {3f});
        assertEquals(0.6961177214, Mmd.squaredUnbiased(x, y), 1e-9);
    }

    @Test
    void usesTheMedianOfThePooledSquaredDistancesAsBandwidth() {
        // 3 + 2 points pooled: 10 pairs (even count, median between the 5th and 6th); 3 + 3: 15 pairs (odd)
        for (int n : new int[] {2, 3}) {
            List<float[]> x = List.of(new float[] {0f}, new float[] {1f}, new float[] {3f});
            List<float[]> y = n == 2
                    ? List.of(new float[] {0.5f}, new float[] {7f})
                    : List.of(new float[] {0.5f}, new float[] {7f}, new float[] {2f});
            assertEquals(bySorting(x, y), Mmd.squaredUnbiased(x, y), 1e-12);
        }
    }

    /** The estimator written out directly, the median taken by sorting. */
    private static double bySorting(List<float[]> x, List<float[]> y) {
        List<float[]> pooled = new java.util.ArrayList<>(x);
        pooled.addAll(y);
        List<Double> distances = new java.util.ArrayList<>();
        for (int i = 0; i < pooled.size(); i++) {
            for (int j = i + 1; j < pooled.size(); j++) {
                distances.add(Mmd.squaredDistance(pooled.get(i), pooled.get(j)));
            }
        }
        java.util.Collections.sort(distances);
        int mid = distances.size() / 2;
        double median =
                distances.size() % 2 == 1 ? distances.get(mid) : (distances.get(mid - 1) + distances.get(mid)) / 2;
        double gamma = 1.0 / (2.0 * median);
        int m = x.size();
        int n = y.size();
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < pooled.size(); i++) {
            for (int j = 0; j < pooled.size(); j++) {
                if (i == j) {
                    continue;
                }
                double k = Math.exp(-gamma * Mmd.squaredDistance(pooled.get(i), pooled.get(j)));
                if (i < m && j < m) {
                    xx += k;
                } else if (i >= m && j >= m) {
                    yy += k;
                } else if (i < m) {
                    xy += k;
                }
            }
        }
        return xx / (m * (m - 1.0)) + yy / (n * (n - 1.0)) - 2 * xy / ((double) m * n);
    }

    @Test
    void isNearZeroForTwoSamplesOfOneDistribution() {
        double mmd = Mmd.squaredUnbiased(gaussian(200, 16, 0.0, 1L), gaussian(200, 16, 0.0, 2L));
        assertTrue(Math.abs(mmd) < 0.01, "MMD^2 on one distribution was " + mmd);
    }

    @Test
    void isLargeForShiftedGaussians() {
        double mmd = Mmd.squaredUnbiased(gaussian(200, 16, 0.0, 1L), gaussian(200, 16, 1.0, 2L));
        assertTrue(mmd > 0.2, "MMD^2 on mean-shifted Gaussians was " + mmd);
    }

    @Test
    void rejectsSamplesTooSmallOrOfMixedDimension() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Mmd.squaredUnbiased(List.of(new float[] {0f}), gaussian(5, 1, 0.0, 3L)));
        assertThrows(
                IllegalArgumentException.class,
                () -> Mmd.squaredUnbiased(gaussian(5, 2, 0.0, 3L), gaussian(5, 3, 0.0, 4L)));
    }

    static List<float[]> gaussian(int n, int dimension, double mean, long seed) {
        Random random = new Random(seed);
        List<float[]> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] point = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                point[d] = (float) (mean + random.nextGaussian());
            }
            points.add(point);
        }
        return points;
    }
}
