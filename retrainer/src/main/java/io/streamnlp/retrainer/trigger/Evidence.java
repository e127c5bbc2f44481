package io.streamnlp.retrainer.trigger;

/** One window in which a metric was over its threshold; {@code value} is NaN when the report has no field for it. */
public record Evidence(String metric, double value, double threshold, long windowEndMillis) {}
