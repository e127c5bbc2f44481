package io.streamnlp.inference.heads;

import io.streamnlp.inference.runtime.FloatMatrix;

/** Indices of the largest values in a matrix row, largest first; ties go to the lower index. */
final class TopK {

    private TopK() {}

    /** Repeated arg-max: k and the label count are small, so O(k * cols) beats sorting. */
    static int[] indices(FloatMatrix m, int row, int k) {
        int n = Math.min(k, m.cols());
        int[] best = new int[n];
        boolean[] taken = new boolean[m.cols()];
        for (int i = 0; i < n; i++) {
            int arg = -1;
            for (int c = 0; c < m.cols(); c++) {
                if (!taken[c] && (arg < 0 || m.get(row, c) > m.get(row, arg))) {
                    arg = c;
                }
            }
            taken[arg] = true;
            best[i] = arg;
        }
        return best;
    }

    static int argmax(FloatMatrix m, int row) {
        return indices(m, row, 1)[0];
    }
}
