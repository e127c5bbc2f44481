package io.streamnlp.drift;

import java.util.Arrays;

/**
 * Fixed, roughly logarithmic bins for input length in tokens: [0,8), [8,16), [16,32), [32,64), [64,128),
 * [128,256), [256,inf). Fixed edges make a live window comparable to any reference profile bin by bin.
 */
public final class LengthBins {

    private static final int[] UPPER_BOUNDS = {8, 16, 32, 64, 128, 256};

    private LengthBins() {}

    /** Exclusive upper bounds of all bins but the last, which is open. */
    public static int[] upperBounds() {
        return UPPER_BOUNDS.clone();
    }

    public static int count() {
        return UPPER_BOUNDS.length + 1;
    }

    public static int binOf(int lengthTokens) {
        int i = Arrays.binarySearch(UPPER_BOUNDS, lengthTokens);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
