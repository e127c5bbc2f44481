package io.streamnlp.retrainer.job;

import io.streamnlp.config.ConfigException;
import java.util.Locale;
import java.util.Objects;

/**
 * When a challenger replaces the champion: its score on the held-out feedback must beat the
 * champion's by at least {@code margin}. A tie never promotes (margin 0 still needs a strict win),
 * so retraining on data that brings nothing new does not churn the served model.
 */
public record PromotionPolicy(Metric metric, double margin) {

    /** The score compared. */
    public enum Metric {
        ACCURACY,
        MACRO_F1;

        public double of(HoldoutScores scores) {
            return this == ACCURACY ? scores.accuracy() : scores.macroF1();
        }

        public static Metric parse(String key, String text) {
            String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Metric m : values()) {
                if (m.name().equals(normalised)) {
                    return m;
                }
            }
            throw new ConfigException(key + " must be accuracy or macro-f1, got '" + text + "'");
        }
    }

    public PromotionPolicy {
        Objects.requireNonNull(metric, "metric");
        if (!(margin >= 0 && margin <= 1)) {
            throw new ConfigException("promotion margin must be in [0, 1], got " + margin);
        }
    }

    /** Accuracy must rise by 0.02. */
    public static PromotionPolicy defaults() {
        return new PromotionPolicy(Metric.ACCURACY, 0.02);
    }

    public boolean promotes(HoldoutScores challenger, HoldoutScores champion) {
        double gain = metric.of(challenger) - metric.of(champion);
        // a tiny epsilon so that 0.52 - 0.50 counts as the 0.02 it is meant to be
        return gain > 0 && gain >= margin - 1e-9;
    }

    @Override
    public String toString() {
        return metric.name().toLowerCase(Locale.ROOT).replace('_', '-') + " +" + margin;
    }
}
