package io.streamnlp.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a directory of artifacts declares about itself.
 *
 * @param declaredTasks tasks a bundle serves; empty for a Hugging Face export, whose task the caller names
 * @param labels labels by task for a bundle; for a Hugging Face export, under {@link #MODEL_LABELS}
 * @param encoder builtin encoder ({@code builtin:<id>}) or bundle-relative encoder path; null if none
 */
public record ArtifactDescription(
        ModelFormat format, List<String> declaredTasks, Map<String, List<String>> labels, String encoder) {

    /** Key of a Hugging Face export's id2label labels, which belong to whatever task the caller names. */
    public static final String MODEL_LABELS = "";

    public ArtifactDescription {
        declaredTasks = List.copyOf(declaredTasks);
        labels = Map.copyOf(labels);
    }

    public Optional<List<String>> modelLabels() {
        return Optional.ofNullable(labels.get(MODEL_LABELS));
    }
}
