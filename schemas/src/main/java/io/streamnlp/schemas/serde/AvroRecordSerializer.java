package io.streamnlp.schemas.serde;

import io.streamnlp.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes generated Avro records in the Confluent wire format, registering (or looking up) the record's schema under
 * the subject of the topic. No Kafka interfaces: {@link AvroSerializer} adapts it to Kafka, and a Flink
 * {@code SerializationSchema} can wrap it (create it in {@code open()}; it is not {@code Serializable}).
 *
 * <p>Thread-safe. Schema ids are cached by the client, so only the first record of a schema calls the registry.
 *
 * @param <T> the generated record type (or a common supertype, e.g. {@link SpecificRecord})
 */
public final class AvroRecordSerializer<T extends SpecificRecord> {
    private final SchemaRegistryClient client;
    private final boolean isKey;
    private final boolean autoRegister;
    private final SubjectNameStrategy strategy;
    private final Map<Class<?>, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    /**
     * @param autoRegister register the schema when needed (else only look its id up)
     */
    public AvroRecordSerializer(
            SchemaRegistryClient client, boolean isKey, boolean autoRegister, SubjectNameStrategy strategy) {
        this.client = client;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
        this.strategy = strategy;
    }

    /** Value serializer with auto-registration and {@code <topic>-value} subjects. */
    public AvroRecordSerializer(SchemaRegistryClient client) {
        this(client, false, true, SubjectNameStrategy.TOPIC_NAME);
    }

    /** From a Kafka-style config map (see {@link AvroSerdeConfig} and {@link io.streamnlp.schemas.registry.SchemaRegistryConfig}). */
    public static <T extends SpecificRecord> AvroRecordSerializer<T> fromConfig(Map<String, ?> configs, boolean isKey) {
        return new AvroRecordSerializer<>(
                SchemaRegistryClient.create(configs),
                isKey,
                AvroSerdeConfig.autoRegister(configs),
                AvroSerdeConfig.strategy(configs, isKey));
    }

    /** Same settings, another client (e.g. one shared with deserializers). */
    public static <T extends SpecificRecord> AvroRecordSerializer<T> fromConfig(
            SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        return new AvroRecordSerializer<>(
                client, isKey, AvroSerdeConfig.autoRegister(configs), AvroSerdeConfig.strategy(configs, isKey));
    }

    /**
     * The wire-format bytes of {@code record}, or null for a null record.
     *
     * @throws io.streamnlp.schemas.registry.SchemaRegistryException from the registry (e.g. IncompatibleSchemaException
     *     when the schema is refused, RegistryUnavailableException when it cannot be reached)
     * @throws AvroSerdeException when the record does not match its schema (e.g. a null in a required field)
     */
    public byte[] serialize(String topic, T record) {
        if (record == null) return null;
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        writeBody(topic, id, record, out);
        return out.toByteArray();
    }

    /**
     * How many bytes {@link #serialize} makes of {@code record}, computed without the registry (the header's size
     * does not depend on the id); e.g. to keep records under a producer's or topic's size limit before they are sent.
     */
    public int serializedSize(T record) {
        CountingOutputStream out = new CountingOutputStream();
        writeBody(null, -1, record, out);
        return (int) Math.min(Integer.MAX_VALUE, ConfluentWireFormat.HEADER_SIZE + out.count);
    }

    private void writeBody(String topic, int id, T record, OutputStream out) {
        Schema schema = record.getSchema();
        SpecificDatumWriter<T> writer = writers.computeIfAbsent(
                record.getClass(), c -> new SpecificDatumWriter<>(schema, SpecificData.getForClass(c)));
        try {
            BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, enc);
            enc.flush();
        } catch (IOException | RuntimeException e) {
            throw new AvroSerdeException(
                    "Cannot serialize " + schema.getFullName() + ConfluentWireFormat.on(topic) + " with schema id " + id
                            + ": " + e.getMessage() + " (is a required field null?)",
                    e);
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** The registry id of {@code schema} for {@code topic}: registered if auto-registration is on, else looked up. */
    public int schemaId(String topic, Schema schema) {
        String subject = subject(topic, schema);
        return autoRegister ? client.register(subject, schema) : client.getId(subject, schema);
    }

    /** The subject for {@code topic} under this serializer's naming strategy. */
    public String subject(String topic, Schema schema) {
        return strategy.subject(topic, isKey, schema);
    }

    public SchemaRegistryClient client() {
        return client;
    }

    public boolean isKey() {
        return isKey;
    }
}
