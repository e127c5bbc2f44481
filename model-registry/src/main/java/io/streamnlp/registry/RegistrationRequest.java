package io.streamnlp.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a caller says about a new version beyond its files. Format, labels and encoder are read
 * from the artifacts; {@code format} and {@code labels} here only confirm or complete them.
 *
 * @param tasks tasks the version serves; empty means every task a bundle declares
 * @param format expected format, or null to detect it
 * @param labels labels of tasks whose artifacts do not list them
 * @param referenceProfile reference drift profile, stored as {@code reference-profile.json}
 * @param parentVersion version of the same model this one was trained from, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationRequest(
        @JsonProperty("tasks") List<String> tasks,
        @JsonProperty("format") ModelFormat format,
        @JsonProperty("labels") Map<String, List<String>> labels,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("reference_profile") JsonNode referenceProfile,
        @JsonProperty("training_data_fingerprint") String trainingDataFingerprint,
        @JsonProperty("parent_version") Integer parentVersion) {

    public RegistrationRequest {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        for (String task : tasks) {
            requireTaskName(task);
        }
        metrics.forEach((key, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new InvalidModelException("metric '" + ModelNames.printable(key) + "' is not a finite number");
            }
        });
        if (parentVersion != null) {
            ModelNames.requireVersion(parentVersion);
        }
        if (referenceProfile != null && referenceProfile.isMissingNode()) {
            referenceProfile = null;
        }
    }

    static String requireTaskName(String task) {
        if (!ModelNames.isValid(task)) {
            throw new InvalidNameException(
                    "invalid task name '" + ModelNames.printable(task) + "': use 1-64 characters of [a-z0-9._-]");
        }
        return task;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a request step by step; every field is optional. */
    public static final class Builder {
        private final List<String> tasks = new ArrayList<>();
        private ModelFormat format;
        private final Map<String, List<String>> labels = new LinkedHashMap<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private JsonNode referenceProfile;
        private String trainingDataFingerprint;
        private Integer parentVersion;

        private Builder() {}

        public Builder task(String task) {
            tasks.add(task);
            return this;
        }

        public Builder tasks(List<String> values) {
            tasks.addAll(values);
            return this;
        }

        public Builder format(ModelFormat value) {
            format = value;
            return this;
        }

        public Builder labels(String task, List<String> values) {
            labels.put(task, List.copyOf(values));
            return this;
        }

        public Builder metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        public Builder metrics(Map<String, Double> values) {
            metrics.putAll(values);
            return this;
        }

        public Builder referenceProfile(JsonNode value) {
            referenceProfile = value;
            return this;
        }

        public Builder trainingDataFingerprint(String value) {
            trainingDataFingerprint = value;
            return this;
        }

        public Builder parentVersion(Integer value) {
            parentVersion = value;
            return this;
        }

        public RegistrationRequest build() {
            return new RegistrationRequest(
                    tasks, format, labels, metrics, referenceProfile, trainingDataFingerprint, parentVersion);
        }
    }
}
