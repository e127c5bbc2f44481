package io.streamnlp.schemas.registry;

import java.util.List;

/** HTTP 409: the registry refused a schema because it breaks the subject's compatibility rule (see docs/schemas.md). */
public class IncompatibleSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final List<String> messages;

    public IncompatibleSchemaException(
            String message, String url, int errorCode, String subject, List<String> messages) {
        super(message, url, 409, errorCode);
        this.subject = subject;
        this.messages = List.copyOf(messages);
    }

    public String subject() {
        return subject;
    }

    /** What the registry said was incompatible. */
    public List<String> messages() {
        return messages;
    }
}
