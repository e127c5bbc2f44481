package io.streamnlp.retrainer.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamnlp.training.metrics.ClassificationReport;

/** A model's scores on the held-out slice of recent feedback. */
public record HoldoutScores(
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("macro_f1") double macroF1,
        @JsonProperty("n") int n) {

    public static HoldoutScores of(ClassificationReport report) {
        return new HoldoutScores(report.accuracy(), report.macroF1(), report.n());
    }
}
