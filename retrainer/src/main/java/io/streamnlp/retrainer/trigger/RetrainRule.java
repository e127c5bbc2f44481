package io.streamnlp.retrainer.trigger;

import io.streamnlp.schemas.avro.DriftEvidence;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.RetrainRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The retrain policy, free of Kafka so it reads as the rule it is. A request for a model and task is made as soon
 * as all of these hold, whichever event (drift report or feedback label) completes them:
 * <ol>
 *   <li>some metric was over its threshold in each of the last K windows of the serving model version and task
 *       (a window not over threshold on that metric, or a new model version, starts the count again);</li>
 *   <li>the model is out of its cooldown: its last request is at least {@code cooldown} of event time before the
 *       latest window. The cooldown doubles with each further request about the same served version (up to
 *       {@value #MAX_DOUBLINGS} doublings): a retrain whose challenger was not promoted leaves that version serving,
 *       and a drift that retraining cannot fix, such as traffic going back to what it was before a promoted model's
 *       episode, would otherwise ask again every cooldown;</li>
 *   <li>at least {@code minFeedback} feedback labels for the task arrived since the model's last request.</li>
 * </ol>
 * Time is the reports' window end (event time), so replays decide exactly as the live run did. A request clears the
 * task's streaks and feedback count and starts the model's cooldown.
 */
public final class RetrainRule {

    static final int MAX_DOUBLINGS = 6;

    private final int consecutiveWindows;
    private final Duration cooldown;
    private final long minFeedback;

    public RetrainRule(int consecutiveWindows, Duration cooldown, long minFeedback) {
        if (consecutiveWindows < 1 || cooldown.isNegative() || minFeedback < 0) {
            throw new IllegalArgumentException("need K >= 1, cooldown >= 0 and minFeedback >= 0");
        }
        this.consecutiveWindows = consecutiveWindows;
        this.cooldown = cooldown;
        this.minFeedback = minFeedback;
    }

    public static RetrainRule of(TriggerConfig config) {
        return new RetrainRule(config.consecutiveWindows(), config.cooldown(), config.minFeedback());
    }

    /** The model's state after an event, and the request the event completed, if any. */
    public record Outcome(ModelTriggerState state, Optional<RetrainRequest> request) {}

    /** Applies one window's report; reports not newer than the task's latest window are ignored (replays, late). */
    public Outcome onDriftReport(ModelTriggerState state, DriftReport report) {
        String task = report.getTask();
        long windowEnd = report.getWindowEnd().toEpochMilli();
        TaskTriggerState before = state.task(task);
        if (windowEnd <= before.lastWindowEndMillis()) {
            return new Outcome(state, Optional.empty());
        }
        String version = report.getModel().getVersion();
        Map<String, List<Evidence>> previous = version.equals(before.modelVersion()) ? before.streaks() : Map.of();
        Map<String, List<Evidence>> streaks = new TreeMap<>();
        if (report.getDrifted()) {
            for (String metric : report.getDriftedMetrics()) {
                List<Evidence> run = new ArrayList<>(previous.getOrDefault(metric, List.of()));
                run.add(new Evidence(
                        metric,
                        ReportedMetrics.value(report, metric),
                        report.getThresholds().getOrDefault(metric, Double.NaN),
                        windowEnd));
                streaks.put(metric, List.copyOf(run.subList(Math.max(0, run.size() - consecutiveWindows), run.size())));
            }
        }
        ModelTriggerState updated =
                state.withTask(task, new TaskTriggerState(version, windowEnd, before.newFeedback(), streaks));
        return decide(updated, report.getModel().getName(), task);
    }

    /** Counts one feedback label for the task. */
    public Outcome onFeedback(ModelTriggerState state, String model, String task) {
        TaskTriggerState current = state.task(task);
        return decide(state.withTask(task, current.withFeedback(current.newFeedback() + 1)), model, task);
    }

    private Outcome decide(ModelTriggerState state, String model, String task) {
        TaskTriggerState current = state.task(task);
        Map<String, List<Evidence>> firing = new TreeMap<>();
        current.streaks().forEach((metric, run) -> {
            if (run.size() >= consecutiveWindows) {
                firing.put(metric, run);
            }
        });
        long now = current.lastWindowEndMillis();
        boolean cooling = state.lastRequestMillis() != null
                && now - state.lastRequestMillis() < cooldownMillis(state.requestsInARow(current.modelVersion()));
        if (firing.isEmpty() || cooling || current.newFeedback() < minFeedback) {
            return new Outcome(state, Optional.empty());
        }
        RetrainRequest request = request(model, task, current, firing);
        ModelTriggerState after = state.withTask(task, new TaskTriggerState(current.modelVersion(), now, 0, Map.of()))
                .withLastRequest(now, current.modelVersion());
        return new Outcome(after, Optional.of(request));
    }

    /** The cooldown after {@code requestsInARow} requests about the version now served. */
    private long cooldownMillis(int requestsInARow) {
        return cooldown.toMillis() << Math.min(Math.max(0, requestsInARow - 1), MAX_DOUBLINGS);
    }

    private RetrainRequest request(
            String model, String task, TaskTriggerState current, Map<String, List<Evidence>> firing) {
        String version = current.modelVersion();
        long windowEnd = current.lastWindowEndMillis();
        List<DriftEvidence> evidence = firing.values().stream()
                .flatMap(List::stream)
                .map(e -> DriftEvidence.newBuilder()
                        .setMetric(e.metric())
                        .setValue(e.value())
                        .setThreshold(e.threshold())
                        .setWindowEnd(Instant.ofEpochMilli(e.windowEndMillis()))
                        .build())
                .toList();
        String reason = String.join(", ", firing.keySet()) + " over threshold for " + consecutiveWindows
                + " consecutive windows of " + model + " version " + version + ", task " + task + "; "
                + current.newFeedback() + " new feedback labels";
        // Derived from what triggered it, so a replay produces the same id and consumers can deduplicate.
        String id = UUID.nameUUIDFromBytes(
                        (model + '\n' + version + '\n' + task + '\n' + windowEnd).getBytes(StandardCharsets.UTF_8))
                .toString();
        return RetrainRequest.newBuilder()
                .setRequestId(id)
                .setModelName(model)
                .setModelVersion(version)
                .setTask(task)
                .setReason(reason)
                .setEvidence(evidence)
                .setFeedbackCount(current.newFeedback())
                .setRequestedAt(Instant.ofEpochMilli(windowEnd))
                .build();
    }
}
