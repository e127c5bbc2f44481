package io.streamnlp.flink.drift;

import io.streamnlp.drift.ClassifierOutput;
import io.streamnlp.drift.DriftCalculator;
import io.streamnlp.drift.DriftReports;
import io.streamnlp.drift.DriftResult;
import io.streamnlp.drift.DriftThresholds;
import io.streamnlp.drift.DriftWindow;
import io.streamnlp.drift.Observation;
import io.streamnlp.drift.ReferenceProfile;
import io.streamnlp.drift.TaskThresholds;
import io.streamnlp.drift.WindowPolicy;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.inference.task.Classification;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.ModelRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the live outputs of one model version into windows (by count, or by processing time) and,
 * when a window closes, compares it with the version's reference profile, with the thresholds
 * calibrated in that profile for the window size (fixed defaults for a profile without them). A
 * model swap closes the window without a report: a window never mixes two versions.
 */
public final class DriftMonitor {
    private final WindowPolicy policy;
    private final DriftThresholds overrides;

    private ModelRef model;
    private ReferenceProfile reference;
    private DriftCalculator calculator;
    private DriftWindow window = new DriftWindow();
    private long windowStart;

    /** @param overrides thresholds configured explicitly, which win over calibrated ones */
    public DriftMonitor(WindowPolicy policy, DriftThresholds overrides) {
        this.policy = policy;
        this.overrides = overrides;
    }

    /**
     * Adds one batch of results of {@code servingModel}; returns the reports of the windows it closed
     * (empty when none closed, or when the model has no reference profile to compare with).
     */
    public List<DriftReport> observe(
            ModelRef servingModel, ReferenceProfile servingReference, List<NlpResult> results, long now) {
        if (model == null || !model.getDigest().equals(servingModel.getDigest())) {
            model = servingModel;
            reference = servingReference;
            calculator = reference == null
                    ? null
                    : new DriftCalculator(
                            TaskThresholds.forWindow(reference, policy, DriftThresholds.defaults(), overrides));
            window = new DriftWindow();
            windowStart = now;
        }
        if (reference == null) {
            return List.of();
        }
        List<DriftReport> reports = new ArrayList<>();
        for (NlpResult r : results) {
            window.add(observation(r));
            if (policy instanceof WindowPolicy.Count c && window.count() >= c.size()) {
                reports.addAll(close(now));
            }
        }
        if (policy instanceof WindowPolicy.Time t
                && now - windowStart >= t.size().toMillis()
                && window.count() > 0) {
            reports.addAll(close(now));
        }
        return reports;
    }

    private List<DriftReport> close(long now) {
        List<DriftReport> reports = new ArrayList<>();
        for (DriftResult result : calculator.compute(reference, window)) {
            reports.add(report(result, windowStart, now));
        }
        window = new DriftWindow();
        windowStart = now;
        return reports;
    }

    /** The drift view of one result: the fields the drift module's shared mapping reads. */
    static Observation observation(NlpResult r) {
        List<ClassifierOutput> outputs = new ArrayList<>(r.classifications().size());
        for (Classification c : r.classifications()) {
            outputs.add(new ClassifierOutput(c.task(), c.label(), c.score(), c.topScores()));
        }
        return Observation.of(outputs, r.embedding(), r.tokenCount(), r.unknownTokens());
    }

    private DriftReport report(DriftResult r, long start, long end) {
        return DriftReports.toAvro(r, model, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
    }
}
