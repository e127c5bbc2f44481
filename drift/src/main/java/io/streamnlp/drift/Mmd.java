package io.streamnlp.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maximum mean discrepancy between two samples with a Gaussian (RBF) kernel
 * k(x, y) = exp(-||x - y||^2 / (2 sigma^2)), sigma^2 the median squared distance over all pairs of the pooled
 * sample (the median heuristic), and the unbiased estimator (Gretton et al. 2012, eq. 3):
 * MMD^2_u = 1/(m(m-1)) sum_{i!=j} k(x_i,x_j) + 1/(n(n-1)) sum_{i!=j} k(y_i,y_j) - 2/(mn) sum_{i,j} k(x_i,y_j).
 * It is unbiased, so it scatters around zero (and can be slightly negative) when both samples come from one
 * distribution. Cost is O((m+n)^2 d); callers bound m and n by sampling.
 */
public final class Mmd {

    private Mmd() {}

    public static double squaredUnbiased(List<float[]> x, List<float[]> y) {
        int m = x.size();
        int n = y.size();
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("MMD needs at least 2 points per sample, got " + m + " and " + n);
        }
        List<float[]> pooled = new ArrayList<>(m + n);
        pooled.addAll(x);
        pooled.addAll(y);
        int dimension = pooled.get(0).length;
        if (pooled.stream().anyMatch(v -> v.length != dimension)) {
            throw new IllegalArgumentException("all points must have dimension " + dimension);
        }
        int size = m + n;
        double[][] squaredDistances = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                squaredDistances[i][j] = squaredDistance(pooled.get(i), pooled.get(j));
            }
        }
        return squaredUnbiased(m, n, (i, j) -> squaredDistances[i][j]);
    }

    /** Squared distance between points i &lt; j of the pooled sample (x first, then y). */
    @FunctionalInterface
    interface PooledDistances {
        double squared(int i, int j);
    }

    /**
     * The estimator over pooled squared distances, for callers that look distances up instead of computing them
     * (the threshold calibration draws thousands of samples from one pool of embeddings).
     */
    static double squaredUnbiased(int m, int n, PooledDistances distances) {
        int size = m + n;
        double[] upperTriangle = new double[size * (size - 1) / 2];
        int next = 0;
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                upperTriangle[next++] = distances.squared(i, j);
            }
        }
        double median = medianReordering(upperTriangle);
        if (median == 0.0) {
            // More than half of all pairs coincide: any positive bandwidth separates only the distinct ones.
            median = Arrays.stream(upperTriangle).filter(d -> d > 0.0).min().orElse(1.0);
        }
        double gamma = 1.0 / (2.0 * median);
        double xx = 0.0;
        double yy = 0.0;
        double xy = 0.0;
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                double k = Math.exp(-gamma * distances.squared(i, j));
                if (j < m) {
                    xx += 2.0 * k;
                } else if (i >= m) {
                    yy += 2.0 * k;
                } else {
                    xy += k;
                }
            }
        }
        return xx / ((double) m * (m - 1)) + yy / ((double) n * (n - 1)) - 2.0 * xy / ((double) m * n);
    }

    static double squaredDistance(float[] a, float[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /** The median by selection in linear expected time (the array is reordered): the threshold calibration calls it
     * on 80 000 distances thousands of times, where sorting was most of its cost. */
    private static double medianReordering(double[] values) {
        int mid = values.length / 2;
        double upper = select(values, mid);
        if (values.length % 2 == 1) {
            return upper;
        }
        // after selecting, everything left of mid is <= values[mid]: the lower middle is their maximum
        double lower = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mid; i++) {
            lower = Math.max(lower, values[i]);
        }
        return (lower + upper) / 2.0;
    }

    /** Hoare's selection: the k-th smallest value, with smaller values left of k and larger ones right of it. */
    private static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return a[k];
    }
}
