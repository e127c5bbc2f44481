package io.streamnlp.retrainer.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamnlp.bundle.VersionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a retrained version came about, stored as a file of the version itself. Its name derives from
 * the request id, so the registry's version listing alone tells whether a request was handled (the
 * job's idempotency), and its content lets a restarted job finish a decision it had not applied.
 *
 * @param promote whether the challenger won by the margin, i.e. should be champion
 * @param aliasesAtDecision the champion and challenger aliases when the decision was taken (absent ones left out;
 *     null in records older than the field): a redelivered request finishes the decision only while the aliases
 *     still stand where applying it can have stopped, never after they were moved on (an operator's rollback)
 */
public record RetrainingRecord(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("model") String model,
        @JsonProperty("task") String task,
        @JsonProperty("requested_version") String requestedVersion,
        @JsonProperty("parent_version") int parentVersion,
        @JsonProperty("parent_digest") String parentDigest,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("original_examples") int originalExamples,
        @JsonProperty("feedback_train_examples") int feedbackTrainExamples,
        @JsonProperty("holdout_examples") int holdoutExamples,
        @JsonProperty("challenger") HoldoutScores challenger,
        @JsonProperty("champion") HoldoutScores champion,
        @JsonProperty("promotion_rule") String promotionRule,
        @JsonProperty("promote") boolean promote,
        @JsonProperty("aliases_at_decision") Map<String, Integer> aliasesAtDecision) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RetrainingRecord {
        // null in records written before the field existed
        aliasesAtDecision = aliasesAtDecision == null ? null : Map.copyOf(aliasesAtDecision);
    }

    /**
     * Whether {@code aliases} are a state that applying this decision to {@code version} passes through
     * and can have been stopped in: the aliases of the decision untouched, or (for a promotion) only the
     * champion moved to {@code version}. Applying sets the challenger alias last, so a challenger alias on
     * {@code version} means the decision was applied in full; any other state means the aliases were
     * changed since, by a later request or by hand. A record that does not know its aliases is never
     * interrupted: leaving a decision unfinished is safer than undoing an operator's change.
     */
    boolean interruptedIn(Map<String, Integer> aliases, int version) {
        String champion = RetrainRequestHandler.CHAMPION;
        String challenger = RetrainRequestHandler.CHALLENGER;
        if (aliasesAtDecision == null || !Objects.equals(aliases.get(challenger), aliasesAtDecision.get(challenger))) {
            return false;
        }
        return Objects.equals(aliases.get(champion), aliasesAtDecision.get(champion))
                || promote && Objects.equals(aliases.get(champion), version);
    }

    public void write(Path versionDir) throws IOException {
        Path file = versionDir.resolve(VersionFiles.retrainingRecord(requestId));
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), this);
    }

    public static RetrainingRecord read(Path versionDir, String requestId) throws IOException {
        return JSON.readValue(
                versionDir.resolve(VersionFiles.retrainingRecord(requestId)).toFile(), RetrainingRecord.class);
    }
}
