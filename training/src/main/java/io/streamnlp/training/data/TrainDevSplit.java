package io.streamnlp.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Training examples and the dev examples they are scored on: the dev file the user gave, or else
 * a seeded share of the training file held out.
 *
 * @param <T> the example type
 */
public record TrainDevSplit<T>(List<T> train, List<T> dev) {

    /** The share of the training examples held out when no dev file is given. */
    public static final double DEV_FRACTION = 0.1;

    /**
     * @param dev the dev examples, or null to hold out {@link #DEV_FRACTION} of {@code train}
     * @param minTrain training examples that must remain after the hold-out
     * @param source names the training data in the error
     * @param unit what an example is called in the error ("examples", "sentences")
     */
    public static <T> TrainDevSplit<T> of(
            List<T> train, List<T> dev, long seed, int minTrain, Object source, String unit) {
        if (dev != null) {
            return new TrainDevSplit<>(train, dev);
        }
        List<T> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(seed));
        int devSize = Math.max(1, (int) Math.round(shuffled.size() * DEV_FRACTION));
        if (shuffled.size() - devSize < minTrain) {
            throw new IllegalArgumentException(source + ": too few " + unit + " to hold out a dev set; pass --dev");
        }
        return new TrainDevSplit<>(shuffled.subList(devSize, shuffled.size()), shuffled.subList(0, devSize));
    }
}
