package io.streamnlp.schemas.registry;

/**
 * The registry holds the schema id, but not as an Avro schema this client can read: a JSON or Protobuf schema (or any
 * other type), or schema text that does not parse as Avro. A record naming such an id was not written by an Avro
 * serializer; the answer never changes for that id.
 */
public class UnsupportedSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    private final int schemaId;
    private final String schemaType;

    public UnsupportedSchemaException(String message, String url, int schemaId, String schemaType, Throwable cause) {
        super(message, url, 200, -1, cause);
        this.schemaId = schemaId;
        this.schemaType = schemaType;
    }

    public int schemaId() {
        return schemaId;
    }

    /** The registry's {@code schemaType}, e.g. {@code JSON} or {@code PROTOBUF}; {@code AVRO} when its text is not valid Avro. */
    public String schemaType() {
        return schemaType;
    }
}
