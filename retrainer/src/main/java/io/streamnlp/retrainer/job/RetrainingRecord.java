package io.streamnlp.retrainer.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * How a retrained version came about, stored as a file of the version itself. Its name derives from
 * the request id, so the registry's version listing alone tells whether a request was handled (the
 * job's idempotency), and its content lets a restarted job finish a decision it had not applied.
 *
 * @param promote whether the challenger won by the margin, i.e. should be champion
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
        @JsonProperty("promote") boolean promote) {

    static final String DIRECTORY = "retraining";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The version file that records a request: {@code retraining/request-<first 16 hex of sha256(id)>.json}. */
    public static String fileName(String requestId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return DIRECTORY + "/request-" + HexFormat.of().formatHex(hash, 0, 8) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Whether a version file is a retraining record (records of a parent are not copied to its children). */
    static boolean isRecord(String versionFile) {
        return versionFile.startsWith(DIRECTORY + "/");
    }

    public void write(Path versionDir) throws IOException {
        Path file = versionDir.resolve(fileName(requestId));
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), this);
    }

    public static RetrainingRecord read(Path versionDir, String requestId) throws IOException {
        return JSON.readValue(versionDir.resolve(fileName(requestId)).toFile(), RetrainingRecord.class);
    }
}
