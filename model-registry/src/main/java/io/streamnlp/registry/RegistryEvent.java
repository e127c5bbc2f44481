package io.streamnlp.registry;

import io.streamnlp.schemas.avro.ModelEventType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change the registry has made durable.
 *
 * @param version the version registered or archived, or the one an alias now points at (null when removed)
 * @param alias the alias concerned, for alias events
 * @param previousVersion the version an alias pointed at before, if any
 * @param digest digest of {@code version}, when there is one
 */
public record RegistryEvent(
        ModelEventType type,
        String modelName,
        Integer version,
        String alias,
        Integer previousVersion,
        String digest,
        List<String> tasks,
        Instant at) {

    public RegistryEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(at, "at");
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
