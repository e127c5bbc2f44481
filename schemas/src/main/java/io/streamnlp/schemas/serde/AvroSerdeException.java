package io.streamnlp.schemas.serde;

/** A record could not be serialized or deserialized. See {@link WireFormatException} for bad input bytes. */
public class AvroSerdeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AvroSerdeException(String message, Throwable cause) {
        super(message, cause);
    }
}
