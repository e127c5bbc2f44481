package io.streamnlp.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamnlp.bundle.FileDigest;
import io.streamnlp.bundle.VersionFiles;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of one immutable model version. Its exact bytes are hashed into the
 * version digest, so it is written once and never rewritten.
 *
 * @param referenceProfile file name (inside the version) of the reference drift profile, or null
 * @param files every file of the version except manifest.json itself, by '/'-separated relative path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
        @JsonProperty("schema") String schema,
        @JsonProperty("name") String name,
        @JsonProperty("version") int version,
        @JsonProperty("format") ModelFormat format,
        @JsonProperty("tasks") List<String> tasks,
        @JsonProperty("labels") Map<String, List<String>> labels,
        @JsonProperty("encoder") String encoder,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("reference_profile") String referenceProfile,
        @JsonProperty("training_data_fingerprint") String trainingDataFingerprint,
        @JsonProperty("parent_version") Integer parentVersion,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("files") SortedMap<String, FileDigest> files) {

    public static final String SCHEMA = "streamnlp-model-manifest/1";
    public static final String FILE_NAME = VersionFiles.MANIFEST;
    public static final String REFERENCE_PROFILE_FILE = VersionFiles.REFERENCE_PROFILE;

    public ModelManifest {
        if (!SCHEMA.equals(schema)) {
            throw new InvalidModelException("unsupported manifest schema '" + ModelNames.printable(schema) + "'");
        }
        ModelNames.requireModelName(name);
        ModelNames.requireVersion(version);
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(createdAt, "created_at");
        tasks = List.copyOf(tasks == null ? List.of() : tasks);
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        files = files == null ? new TreeMap<>() : new TreeMap<>(files);
        if (referenceProfile != null && !files.containsKey(referenceProfile)) {
            throw new InvalidModelException(
                    "manifest names reference profile '" + referenceProfile + "' that is not among its files");
        }
    }

    /** Labels of one task, in output order; empty for tasks without labels (summarization). */
    public List<String> labelsOf(String task) {
        return labels.getOrDefault(task, List.of());
    }

    public Optional<Integer> parent() {
        return Optional.ofNullable(parentVersion);
    }

    @Override
    public SortedMap<String, FileDigest> files() {
        return Collections.unmodifiableSortedMap(files);
    }
}
