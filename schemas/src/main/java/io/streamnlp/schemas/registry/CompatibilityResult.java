package io.streamnlp.schemas.registry;

import java.util.List;

/**
 * Result of a compatibility check. Apicurio's Confluent API returns no messages for a check; the reasons come with
 * the 409 of a refused registration ({@link IncompatibleSchemaException#messages()}).
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {
    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
