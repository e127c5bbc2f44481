package io.streamnlp.schemas.serde;

import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.registry.RegistryAuthException;
import io.streamnlp.schemas.registry.RegistryUnavailableException;
import io.streamnlp.schemas.registry.SchemaNotFoundException;
import io.streamnlp.schemas.registry.SchemaRegistryClient;
import io.streamnlp.schemas.registry.SchemaRegistryException;
import io.streamnlp.schemas.registry.UnsupportedSchemaException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Confluent wire-format Avro into generated records. The writer schema is fetched by the id in the header
 * (cached) and resolved to the reader schema, i.e. the generated class's schema, so records written with older or
 * newer compatible schemas are read. No Kafka interfaces: {@link AvroDeserializer} adapts it to Kafka, and a Flink
 * {@code DeserializationSchema} can wrap it (create it in {@code open()}; it is not {@code Serializable}).
 *
 * <p>Bad bytes throw {@link WireFormatException} with a {@link DeadLetterReason}, and so does a schema id the registry
 * refuses (404 or another 4xx), holds as a non-Avro schema, or whose schema cannot be resolved to the reader's. An
 * outage or refused credentials throw {@link RegistryUnavailableException} / {@link RegistryAuthException}: not the
 * record's fault. Thread-safe.
 *
 * @param <T> the generated record type
 */
public final class AvroRecordDeserializer<T extends SpecificRecord> {
    /**
     * How long an id the registry refused is answered from memory, so a burst of bad records is cheap; it may be
     * registered later. Ids that are not Avro or do not resolve are refused for good: an id's schema never changes.
     */
    private static final long UNKNOWN_ID_TTL_NANOS = 30_000_000_000L;

    private final SchemaRegistryClient client;
    private final Class<T> type;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Map<Integer, RefusedId> refusedIds = new ConcurrentHashMap<>();

    /** Why records with a schema id are refused; {@code untilNanos} is ignored when {@code permanent}. */
    private record RefusedId(DeadLetterReason reason, String why, boolean permanent, long untilNanos) {
        boolean current() {
            return permanent || System.nanoTime() - untilNanos < 0;
        }
    }

    /**
     * @param type the generated class to read into; null to pick the class named by each writer schema
     */
    public AvroRecordDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        this.type = type;
    }

    /** From a Kafka-style config map; {@code type} null means {@code specific.avro.(key|value).type} or the writer's class. */
    public static <T extends SpecificRecord> AvroRecordDeserializer<T> fromConfig(
            Map<String, ?> configs, Class<T> type, boolean isKey) {
        return fromConfig(SchemaRegistryClient.create(configs), configs, type, isKey);
    }

    public static <T extends SpecificRecord> AvroRecordDeserializer<T> fromConfig(
            SchemaRegistryClient client, Map<String, ?> configs, Class<T> type, boolean isKey) {
        Class<T> t = type != null ? type : AvroSerdeConfig.specificType(configs, isKey);
        return new AvroRecordDeserializer<>(client, t);
    }

    /**
     * Decodes one record.
     *
     * @param topic for messages only; may be null
     * @throws WireFormatException when the bytes are bad (see its reason codes); null/empty bytes give MISSING_VALUE
     * @throws io.streamnlp.schemas.registry.RegistryUnavailableException when the writer schema cannot be fetched
     */
    public T deserialize(String topic, byte[] data) {
        int id = ConfluentWireFormat.schemaId(topic, data);
        SpecificDatumReader<T> reader = reader(topic, id);
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(
                data, ConfluentWireFormat.HEADER_SIZE, data.length - ConfluentWireFormat.HEADER_SIZE);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (BoundedBinaryDecoder.MalformedTextException e) {
            throw new WireFormatException(
                    DeadLetterReason.INVALID_TEXT,
                    topic,
                    id,
                    "Record" + ConfluentWireFormat.on(topic) + " (writer schema id " + id + ") has " + e.getMessage(),
                    e);
        } catch (EOFException e) {
            throw new WireFormatException(
                    DeadLetterReason.TRUNCATED_PAYLOAD,
                    topic,
                    id,
                    "Record" + ConfluentWireFormat.on(topic)
                            + " ends before its Avro body is complete (" + data.length + " bytes, writer schema id "
                            + id + " "
                            + reader.getSchema().getFullName() + ")",
                    e);
        } catch (AvroTypeException e) {
            throw new WireFormatException(
                    DeadLetterReason.DESERIALIZATION_FAILED,
                    topic,
                    id,
                    "Record" + ConfluentWireFormat.on(topic)
                            + " written with schema id " + id + " ("
                            + reader.getSchema().getFullName() + ") cannot be read as "
                            + readerName() + ": " + e.getMessage(),
                    e);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(
                    DeadLetterReason.DESERIALIZATION_FAILED,
                    topic,
                    id,
                    "Record" + ConfluentWireFormat.on(topic) + " does not decode with writer schema id " + id + " ("
                            + reader.getSchema().getFullName() + "): " + e,
                    e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new WireFormatException(
                        DeadLetterReason.DESERIALIZATION_FAILED,
                        topic,
                        id,
                        "Record" + ConfluentWireFormat.on(topic)
                                + " has bytes left after its Avro body (" + data.length + " bytes, writer schema id "
                                + id
                                + "): the payload does not match the schema its header names");
            }
        } catch (IOException e) {
            throw new WireFormatException(
                    DeadLetterReason.DESERIALIZATION_FAILED, topic, id, "Cannot check the end of the record: " + e, e);
        }
        return record;
    }

    /**
     * The writer schema for {@code id}.
     *
     * @throws WireFormatException UNKNOWN_SCHEMA when the registry answers 404 or another 4xx for the id,
     *     UNSUPPORTED_SCHEMA when the id holds a non-Avro schema
     * @throws RegistryUnavailableException when the registry cannot be reached, RegistryAuthException when it refuses
     *     the credentials: neither is the record's fault
     */
    public Schema writerSchema(String topic, int id) {
        RefusedId refused = refusedIds.get(id);
        if (refused != null) {
            if (refused.current()) throw refusal(topic, id, refused, null);
            refusedIds.remove(id, refused);
        }
        try {
            return client.getById(id);
        } catch (SchemaNotFoundException e) {
            throw refuse(
                    topic,
                    id,
                    new RefusedId(
                            DeadLetterReason.UNKNOWN_SCHEMA,
                            "which the schema registry " + client.config().urls()
                                    + " does not have: it was written against another registry or its schema was deleted",
                            false,
                            System.nanoTime() + UNKNOWN_ID_TTL_NANOS),
                    e);
        } catch (UnsupportedSchemaException e) {
            throw refuse(
                    topic,
                    id,
                    new RefusedId(
                            DeadLetterReason.UNSUPPORTED_SCHEMA,
                            "which is not an Avro schema: " + e.getMessage(),
                            true,
                            0),
                    e);
        } catch (RegistryUnavailableException | RegistryAuthException e) {
            throw e;
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() < 400 || e.httpStatus() >= 500) throw e;
            throw refuse(
                    topic,
                    id,
                    new RefusedId(
                            DeadLetterReason.UNKNOWN_SCHEMA,
                            "which the schema registry refused with HTTP " + e.httpStatus() + ": " + e.getMessage(),
                            false,
                            System.nanoTime() + UNKNOWN_ID_TTL_NANOS),
                    e);
        }
    }

    private WireFormatException refuse(String topic, int id, RefusedId refused, Throwable cause) {
        refusedIds.put(id, refused);
        return refusal(topic, id, refused, cause);
    }

    private static WireFormatException refusal(String topic, int id, RefusedId refused, Throwable cause) {
        return new WireFormatException(
                refused.reason(),
                topic,
                id,
                "Record" + ConfluentWireFormat.on(topic) + " names schema id " + id + ", " + refused.why(),
                cause);
    }

    private SpecificDatumReader<T> reader(String topic, int id) {
        SpecificDatumReader<T> r = readers.get(id);
        if (r != null) return r;
        Schema writer = writerSchema(topic, id);
        Class<?> cls = type;
        if (cls == null) {
            cls = SpecificData.get().getClass(writer);
            if (cls == null || !SpecificRecord.class.isAssignableFrom(cls)) {
                throw new WireFormatException(
                        DeadLetterReason.DESERIALIZATION_FAILED,
                        topic,
                        id,
                        "Record" + ConfluentWireFormat.on(topic)
                                + " has writer schema " + writer.getFullName() + " (id " + id
                                + ") and no generated class of that name is"
                                + " on the classpath; configure " + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE
                                + " (or .key.type)");
            }
        }
        SpecificData data = SpecificData.getForClass(cls);
        Schema readerSchema = data.getSchema(cls);
        SchemaCompatibility.SchemaPairCompatibility resolution =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (resolution.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw refuse(
                    topic,
                    id,
                    new RefusedId(
                            DeadLetterReason.INCOMPATIBLE_SCHEMA,
                            "whose schema "
                                    + writer.getFullName() + " cannot be read as " + readerSchema.getFullName() + ": "
                                    + incompatibilities(resolution),
                            true,
                            0),
                    null);
        }
        r = new SpecificDatumReader<>(writer, readerSchema, data);
        SpecificDatumReader<T> prev = readers.putIfAbsent(id, r);
        return prev != null ? prev : r;
    }

    private static String incompatibilities(SchemaCompatibility.SchemaPairCompatibility resolution) {
        StringBuilder sb = new StringBuilder();
        for (SchemaCompatibility.Incompatibility i : resolution.getResult().getIncompatibilities()) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(i.getType())
                    .append(" at ")
                    .append(i.getLocation())
                    .append(": ")
                    .append(i.getMessage());
            if (sb.length() > 500) break;
        }
        return sb.toString();
    }

    private String readerName() {
        return type != null ? type.getName() : "its generated class";
    }

    public SchemaRegistryClient client() {
        return client;
    }

    /** The class records are read into, or null when it follows the writer schema. */
    public Class<T> type() {
        return type;
    }
}
