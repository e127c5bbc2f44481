package io.streamnlp.schemas.registry;

/**
 * HTTP 404: the subject (error code 40401), version (40402) or schema id (40403) is not in the registry.
 * {@link #schemaId()} and {@link #subject()} say what was looked for.
 */
public class SchemaNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final Integer schemaId;

    public SchemaNotFoundException(String message, String url, int errorCode, String subject, Integer schemaId) {
        super(message, url, 404, errorCode);
        this.subject = subject;
        this.schemaId = schemaId;
    }

    /** The subject looked up, or null. */
    public String subject() {
        return subject;
    }

    /** The schema id looked up, or null. */
    public Integer schemaId() {
        return schemaId;
    }
}
