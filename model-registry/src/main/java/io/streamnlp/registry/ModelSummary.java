package io.streamnlp.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A model's aliases and version numbers, active and archived, in ascending order. */
public record ModelSummary(
        @JsonProperty("name") String name,
        @JsonProperty("aliases") Map<String, Integer> aliases,
        @JsonProperty("versions") List<Integer> versions,
        @JsonProperty("archived_versions") List<Integer> archivedVersions) {

    public ModelSummary {
        aliases = Map.copyOf(aliases);
        versions = List.copyOf(versions);
        archivedVersions = List.copyOf(archivedVersions);
    }

    public Optional<Integer> latest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }
}
