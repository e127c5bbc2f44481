package io.streamnlp.inference.runtime;

import java.util.Arrays;

/**
 * A dense row-major float matrix: the currency between the encoder, the heads and ONNX tensors.
 *
 * @param rows number of rows
 * @param cols number of columns
 * @param data {@code rows * cols} values, row after row
 */
public record FloatMatrix(int rows, int cols, float[] data) {

    public FloatMatrix {
        if (rows < 0 || cols < 0 || data == null || data.length != (long) rows * cols) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " needs " + ((long) rows * cols)
                    + " values, got " + (data == null ? "null" : data.length));
        }
    }

    public static FloatMatrix zeros(int rows, int cols) {
        return new FloatMatrix(rows, cols, new float[rows * cols]);
    }

    /** Stacks rows of equal length; an empty array gives a 0 x {@code cols} matrix. */
    public static FloatMatrix ofRows(float[][] rowValues, int cols) {
        float[] data = new float[rowValues.length * cols];
        for (int r = 0; r < rowValues.length; r++) {
            if (rowValues[r].length != cols) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + rowValues[r].length + " values, expected " + cols);
            }
            System.arraycopy(rowValues[r], 0, data, r * cols, cols);
        }
        return new FloatMatrix(rowValues.length, cols, data);
    }

    public float get(int row, int col) {
        return data[row * cols + col];
    }

    /** A copy of one row. */
    public float[] row(int row) {
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }
}
