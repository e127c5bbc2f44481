package io.streamnlp.training.seed;

import java.util.Locale;

/** Which part of a seed dataset. */
public enum Split {
    TRAIN,
    DEV;

    String fileSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
