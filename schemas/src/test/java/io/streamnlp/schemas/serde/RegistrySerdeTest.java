package io.streamnlp.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.schemas.Samples;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.registry.CompatibilityLevel;
import io.streamnlp.schemas.registry.IncompatibleSchemaException;
import io.streamnlp.schemas.registry.RegisteredSchema;
import io.streamnlp.schemas.registry.RegistryUnavailableException;
import io.streamnlp.schemas.registry.SchemaNotFoundException;
import io.streamnlp.schemas.registry.SchemaRegistryClient;
import io.streamnlp.schemas.registry.SchemaRegistryConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serde and registry client against the real Apicurio Registry and Kafka broker of the local stack. */
@ExtendWith(LocalStackExtension.class)
class RegistrySerdeTest {
    static String url;
    static SchemaRegistryClient client;

    @BeforeAll
    static void setUp(LocalStack stack) {
        url = stack.registry().confluentUrl();
        client =
                new SchemaRegistryClient(SchemaRegistryConfig.builder().url(url).build());
    }

    /** A topic name no other test uses, so subjects never collide in the shared registry. */
    private static String topic(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void roundTripOfEveryRecordType() {
        AvroRecordSerializer<SpecificRecord> ser = new AvroRecordSerializer<>(client);
        AvroRecordDeserializer<SpecificRecord> byWriterName = new AvroRecordDeserializer<>(client, null);
        for (var e : Samples.allByTopic().entrySet()) {
            String topic = topic(e.getKey());
            SpecificRecord rec = e.getValue();
            byte[] bytes = ser.serialize(topic, rec);
            int id = ConfluentWireFormat.schemaId(bytes);
            assertEquals(rec.getSchema(), client.getById(id), topic);
            assertEquals(id, client.latest(topic + "-value").id());

            @SuppressWarnings({"unchecked", "rawtypes"})
            AvroRecordDeserializer<SpecificRecord> typed = new AvroRecordDeserializer(client, rec.getClass());
            SpecificRecord back = typed.deserialize(topic, bytes);
            assertEquals(rec, back, topic);
            assertSame(rec.getClass(), back.getClass());
            assertEquals(rec, byWriterName.deserialize(topic, bytes), topic);
        }
    }

    @Test
    void idsAreCachedAndSameSchemaSameId() {
        AvroRecordSerializer<TextEvent> ser = new AvroRecordSerializer<>(client);
        String t = topic("cache");
        byte[] a = ser.serialize(t, Samples.textEvent("1"));
        byte[] b = ser.serialize(t, Samples.textEvent("2"));
        assertEquals(ConfluentWireFormat.schemaId(a), ConfluentWireFormat.schemaId(b));
        RegisteredSchema rs = client.lookup(t + "-value", TextEvent.getClassSchema());
        assertEquals(ConfluentWireFormat.schemaId(a), rs.id());
        assertEquals(1, rs.version());
    }

    @Test
    void lookupOnlySerializerNeedsARegisteredSchema() {
        String t = topic("noreg");
        AvroRecordSerializer<TextEvent> lookupOnly = AvroRecordSerializer.fromConfig(
                Map.of("schema.registry.url", url, "auto.register.schemas", "false"), false);
        SchemaNotFoundException e =
                assertThrows(SchemaNotFoundException.class, () -> lookupOnly.serialize(t, Samples.textEvent("1")));
        assertTrue(e.getMessage().contains(t + "-value"), e.getMessage());
        client.register(t + "-value", TextEvent.getClassSchema());
        assertEquals(
                Samples.textEvent("1"),
                new AvroRecordDeserializer<>(client, TextEvent.class)
                        .deserialize(t, lookupOnly.serialize(t, Samples.textEvent("1"))));
    }

    // ------------------------------------------------------------------------------------------ compatibility

    static final Schema V1 = TextEvent.getClassSchema();
    /** Next version: an optional field with a default. */
    static final Schema V2 = withField(V1, "{\"name\":\"priority\",\"type\":[\"null\",\"int\"],\"default\":null}");
    /** Incompatible: a required field without default (old records cannot be read). */
    static final Schema BAD = withField(V1, "{\"name\":\"score\",\"type\":\"double\"}");

    static Schema withField(Schema base, String fieldJson) {
        String json = base.toString();
        int end = json.lastIndexOf("]");
        return new Schema.Parser().parse(json.substring(0, end) + "," + fieldJson + json.substring(end));
    }

    static Schema withoutField(Schema base, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) if (!f.name().equals(name)) fields.add(new Schema.Field(f, f.schema()));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    @Test
    void backwardAcceptsTheNextVersionAndRefusesAnIncompatibleOne() {
        String subject = topic("compat") + "-value";
        assertEquals(CompatibilityLevel.BACKWARD, client.setCompatibility(subject, CompatibilityLevel.BACKWARD));
        int id1 = client.register(subject, V1);
        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility(subject));

        assertTrue(client.checkCompatibility(subject, V2).compatible());
        assertFalse(client.checkCompatibility(subject, BAD).compatible());

        int id2 = client.register(subject, V2);
        assertNotEquals(id1, id2);
        RegisteredSchema latest = client.latest(subject);
        assertEquals(2, latest.version());
        assertEquals(id2, latest.id());
        assertEquals(List.of(1, 2), client.versions(subject));

        IncompatibleSchemaException e =
                assertThrows(IncompatibleSchemaException.class, () -> client.register(subject, BAD));
        assertEquals(409, e.httpStatus());
        assertEquals(subject, e.subject());
        assertTrue(e.getMessage().contains(subject) && e.getMessage().contains("BACKWARD"), e.getMessage());
        assertFalse(e.messages().isEmpty());
        assertEquals(2, client.latest(subject).version());
    }

    @Test
    void recordsWrittenWithANewerOrOlderVersionAreRead() {
        String subject = topic("evolve") + "-value";
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        client.register(subject, V1);
        int id2 = client.register(subject, V2);
        // a v2 producer's bytes: the v1 generated class reads them (the extra field is skipped)
        var v2Record = new org.apache.avro.generic.GenericRecordBuilder(V2)
                .set("id", "x")
                .set("tenant", "t")
                .set("source", "s")
                .set("text", "hello")
                .set("created_at", 5L)
                .set("attributes", Map.of())
                .set("priority", 3)
                .build();
        var out = new java.io.ByteArrayOutputStream();
        try {
            var enc = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
            new org.apache.avro.generic.GenericDatumWriter<>(V2).write(v2Record, enc);
            enc.flush();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        TextEvent read = new AvroRecordDeserializer<>(client, TextEvent.class)
                .deserialize("t", ConfluentWireFormat.frame(id2, out.toByteArray()));
        assertEquals("hello", read.getText());
        assertNull(read.getLanguage());
    }

    @Test
    void enrichedEventsGainTheModerationFieldBackwardCompatibly() throws java.io.IOException {
        String subject = topic("enriched-moderation") + "-value";
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        Schema before = withoutField(EnrichedEvent.getClassSchema(), "moderation");
        int oldId = client.register(subject, before);
        assertTrue(client.checkCompatibility(subject, EnrichedEvent.getClassSchema())
                .compatible());
        int newId = client.register(subject, EnrichedEvent.getClassSchema());
        assertNotEquals(oldId, newId);

        // a record an old job wrote reads as "no decision"
        EnrichedEvent sample = Samples.enriched();
        var old = new org.apache.avro.generic.GenericData.Record(before);
        for (Schema.Field f : before.getFields()) {
            old.put(f.name(), sample.get(f.name()));
        }
        var out = new java.io.ByteArrayOutputStream();
        var enc = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<>(before).write(old, enc);
        enc.flush();
        EnrichedEvent read = new AvroRecordDeserializer<>(client, EnrichedEvent.class)
                .deserialize("t", ConfluentWireFormat.frame(oldId, out.toByteArray()));
        assertNull(read.getModeration());
        assertEquals(sample.getEvent(), read.getEvent());
    }

    @Test
    void enumSymbolAddedWithDefaultIsAcceptedRemovedWithoutDefaultIsRefused() {
        String subject = topic("enum") + "-value";
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        Schema v1 = ModelEvent.getClassSchema();
        client.register(subject, v1);
        String json = v1.toString();
        Schema added = new Schema.Parser()
                .parse(json.replace("\"VERSION_ARCHIVED\"]", "\"VERSION_ARCHIVED\",\"VERSION_DELETED\"]"));
        assertTrue(client.checkCompatibility(subject, added).compatible());
        // removing a symbol from an enum whose readers have no default for it breaks old data
        Schema noDefault = new Schema.Parser()
                .parse(json.replace(",\"default\":\"UNKNOWN\"", "").replace("\"ALIAS_REMOVED\",", ""));
        assertFalse(client.checkCompatibility(subject, noDefault).compatible());
    }

    // ------------------------------------------------------------------------------------------ bad input

    private static byte[] validBytes(String topic) {
        return new AvroRecordSerializer<TextEvent>(client).serialize(topic, Samples.textEvent("bad-input"));
    }

    @Test
    void unknownSchemaId() {
        var de = new AvroRecordDeserializer<>(client, TextEvent.class);
        byte[] bytes = validBytes(topic("bad"));
        byte[] unknown = ConfluentWireFormat.frame(987_654, Arrays.copyOfRange(bytes, 5, bytes.length));
        WireFormatException e = assertThrows(WireFormatException.class, () -> de.deserialize("text-events", unknown));
        assertEquals(DeadLetterReason.UNKNOWN_SCHEMA, e.reason());
        assertEquals(987_654, e.schemaId());
        assertTrue(e.getCause() instanceof SchemaNotFoundException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("987654") && e.getMessage().contains(url), e.getMessage());
        // answered from memory the second time, same reason
        assertEquals(
                DeadLetterReason.UNKNOWN_SCHEMA,
                assertThrows(WireFormatException.class, () -> de.deserialize("text-events", unknown))
                        .reason());
    }

    @Test
    void wrongMagicByte() {
        byte[] bytes = validBytes(topic("bad"));
        bytes[0] = 1;
        WireFormatException e = assertThrows(
                WireFormatException.class,
                () -> new AvroRecordDeserializer<>(client, TextEvent.class).deserialize("text-events", bytes));
        assertEquals(DeadLetterReason.BAD_MAGIC_BYTE, e.reason());
        assertEquals(
                DeadLetterReason.BAD_MAGIC_BYTE,
                assertThrows(
                                WireFormatException.class,
                                () -> new AvroRecordDeserializer<>(client, TextEvent.class)
                                        .deserialize("t", "plain text".getBytes()))
                        .reason());
    }

    @Test
    void truncatedPayload() {
        var de = new AvroRecordDeserializer<>(client, TextEvent.class);
        byte[] bytes = validBytes(topic("bad"));
        for (int len : new int[] {3, 5, 6, bytes.length / 2, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, len);
            WireFormatException e =
                    assertThrows(WireFormatException.class, () -> de.deserialize("text-events", cut), "length " + len);
            assertEquals(DeadLetterReason.TRUNCATED_PAYLOAD, e.reason(), "length " + len + ": " + e.getMessage());
        }
    }

    @Test
    void corruptLengthPrefixIsTruncatedNotOutOfMemory() {
        var de = new AvroRecordDeserializer<>(client, TextEvent.class);
        int id = ConfluentWireFormat.schemaId(validBytes(topic("bad")));
        // TextEvent.id announcing a 512 MiB string in a 10-byte record
        byte[] evil =
                ConfluentWireFormat.frame(id, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04});
        assertEquals(
                DeadLetterReason.TRUNCATED_PAYLOAD,
                assertThrows(WireFormatException.class, () -> de.deserialize("text-events", evil))
                        .reason());
    }

    @Test
    void garbageBodyAndTrailingBytesFailDeserialization() {
        var de = new AvroRecordDeserializer<>(client, TextEvent.class);
        byte[] bytes = validBytes(topic("bad"));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        WireFormatException e = assertThrows(WireFormatException.class, () -> de.deserialize("text-events", longer));
        assertEquals(DeadLetterReason.DESERIALIZATION_FAILED, e.reason());
        assertEquals(ConfluentWireFormat.schemaId(bytes), e.schemaId());

        // a record of another type under a known id: its schema cannot be resolved to TextEvent
        byte[] model =
                new AvroRecordSerializer<SpecificRecord>(client).serialize(topic("bad-model"), Samples.modelEvent());
        WireFormatException r = assertThrows(WireFormatException.class, () -> de.deserialize("text-events", model));
        assertEquals(DeadLetterReason.INCOMPATIBLE_SCHEMA, r.reason(), r.getMessage());
        assertTrue(r.getMessage().contains("ModelEvent") && r.getMessage().contains("TextEvent"), r.getMessage());
    }

    /** A JSON Schema and a Protobuf schema in the same registry: records naming their ids are refused, not thrown. */
    @Test
    void nonAvroSchemaIdsAreUnsupportedSchemas() {
        var de = new AvroRecordDeserializer<>(client, TextEvent.class);
        int json = client.register(
                topic("json") + "-value",
                "JSON",
                "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\","
                        + " \"properties\": {\"text\": {\"type\": \"string\"}}}");
        int proto = client.register(
                topic("proto") + "-value",
                "PROTOBUF",
                "syntax = \"proto3\";\npackage streamnlp.test;\n\nmessage Ticket {\n  string text = 1;\n}\n");
        for (int id : new int[] {json, proto}) {
            byte[] bytes = ConfluentWireFormat.frame(id, new byte[] {2, 'x'});
            WireFormatException e = assertThrows(WireFormatException.class, () -> de.deserialize("text-events", bytes));
            assertEquals(DeadLetterReason.UNSUPPORTED_SCHEMA, e.reason(), e.getMessage());
            assertEquals(id, e.schemaId());
            assertTrue(e.getMessage().contains("not Avro"), e.getMessage());
            // refused for good, from memory
            assertEquals(
                    DeadLetterReason.UNSUPPORTED_SCHEMA,
                    assertThrows(WireFormatException.class, () -> de.deserialize("text-events", bytes))
                            .reason());
        }
    }

    @Test
    void invalidUtf8IsInvalidText() {
        var de = new AvroRecordDeserializer<>(client, TextEvent.class);
        byte[] valid = new AvroRecordSerializer<TextEvent>(client)
                .serialize(
                        topic("utf8"),
                        TextEvent.newBuilder(Samples.textEvent("u"))
                                .setText("text XYZ")
                                .build());
        byte[] bad = BoundedBinaryDecoderTest.replace(valid, "XYZ", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        WireFormatException e = assertThrows(WireFormatException.class, () -> de.deserialize("text-events", bad));
        assertEquals(DeadLetterReason.INVALID_TEXT, e.reason(), e.getMessage());
    }

    /** The reason codes added for issue 13 at the end of DeadLetterReason; the schema before them is the old version. */
    static final List<String> REASONS_ADDED_FOR_HARDENING =
            List.of("UNSUPPORTED_SCHEMA", "INCOMPATIBLE_SCHEMA", "ATTRIBUTES_TOO_LARGE", "OUTPUT_TOO_LARGE");

    @Test
    void deadLetterReasonsAddedAreBackwardCompatible() {
        String subject = topic("dead-letters") + "-value";
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        Schema current = io.streamnlp.schemas.avro.DeadLetter.getClassSchema();
        String json = current.toString();
        for (String symbol : REASONS_ADDED_FOR_HARDENING) {
            assertTrue(json.contains(",\"" + symbol + "\""), symbol);
            json = json.replace(",\"" + symbol + "\"", "");
        }
        Schema before = new Schema.Parser().parse(json);
        client.register(subject, before);
        assertTrue(client.checkCompatibility(subject, current).compatible());
        client.register(subject, current);
        assertEquals(2, client.latest(subject).version());
    }

    @Test
    void missingValue() {
        var de = new AvroRecordDeserializer<>(client, TextEvent.class);
        assertEquals(
                DeadLetterReason.MISSING_VALUE,
                assertThrows(WireFormatException.class, () -> de.deserialize("t", null))
                        .reason());
        assertEquals(
                DeadLetterReason.MISSING_VALUE,
                assertThrows(WireFormatException.class, () -> de.deserialize("t", new byte[0]))
                        .reason());
        // the Kafka adapter follows Kafka's convention: a null value (tombstone) is null
        try (var kafka = new AvroDeserializer<>(client, TextEvent.class)) {
            assertNull(kafka.deserialize("t", null));
        }
    }

    @Test
    void registryUnreachableFailsFastWithoutHanging() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, Object> conf =
                Map.of("schema.registry.url", "http://127.0.0.1:" + port + "/apis/ccompat/v7", "max.retries", 3);
        byte[] bytes = validBytes(topic("unreach"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long t0 = System.nanoTime();
            RegistryUnavailableException e = assertThrows(
                    RegistryUnavailableException.class,
                    () -> AvroRecordDeserializer.fromConfig(conf, TextEvent.class, false)
                            .deserialize("text-events", bytes));
            assertEquals(4, e.attempts());
            assertTrue(
                    e.getMessage().contains("127.0.0.1:" + port)
                            && e.getMessage().contains("schema.registry.url"),
                    e.getMessage());
            RegistryUnavailableException s = assertThrows(
                    RegistryUnavailableException.class,
                    () -> AvroRecordSerializer.fromConfig(conf, false)
                            .serialize("text-events", Samples.textEvent("x")));
            assertEquals(4, s.attempts());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000);
        });
    }

    @Test
    void incompatibleSchemaThroughTheSerializerIs409() {
        String t = topic("ser409");
        client.setCompatibility(t + "-value", CompatibilityLevel.BACKWARD);
        // an earlier version without 'tenant': TextEvent (tenant required, no default) cannot read its records
        client.register(t + "-value", withoutField(V1, "tenant"));
        IncompatibleSchemaException e = assertThrows(
                IncompatibleSchemaException.class,
                () -> new AvroRecordSerializer<TextEvent>(client).serialize(t, Samples.textEvent("x")));
        assertEquals(409, e.httpStatus());
    }

    // ------------------------------------------------------------------------------------------ through Kafka

    @Test
    void produceAndConsumeThroughTheBrokerWithTheKafkaSerde(LocalStack stack) {
        String t = topic("text-events");
        stack.kafka().createTopics(3, t);
        Map<String, Object> pc = stack.kafka().clientConfig();
        pc.put("schema.registry.url", url);
        pc.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pc.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        pc.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + t);
        List<TextEvent> sent = new ArrayList<>();
        try (var p = new KafkaProducer<String, TextEvent>(pc)) {
            p.initTransactions();
            p.beginTransaction();
            for (int i = 0; i < 20; i++) {
                TextEvent ev = Samples.textEvent("ev-" + i);
                sent.add(ev);
                p.send(new ProducerRecord<>(t, ev.getId(), ev));
            }
            p.send(new ProducerRecord<>(t, "tombstone", null));
            p.commitTransaction();
        }
        Map<String, Object> cc = stack.kafka().clientConfig();
        cc.put("schema.registry.url", url);
        cc.put("specific.avro.value.type", TextEvent.class.getName());
        cc.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cc.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        cc.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + t);
        cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, TextEvent> got = new HashMap<>();
        int records = 0;
        try (var c = new KafkaConsumer<String, TextEvent>(cc)) {
            c.subscribe(List.of(t));
            long end = System.currentTimeMillis() + 30_000;
            while (records < 21 && System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, TextEvent> r : c.poll(Duration.ofMillis(200))) {
                    records++;
                    got.put(r.key(), r.value());
                }
            }
        }
        assertEquals(21, records);
        assertNull(got.get("tombstone"));
        for (TextEvent ev : sent) assertEquals(ev, got.get(ev.getId()));
        // the producer registered under TopicNameStrategy
        assertEquals(TextEvent.getClassSchema(), client.latest(t + "-value").schema());
    }

    @Test
    void kafkaAdaptersWithExplicitClient() {
        String t = topic("adapters");
        try (var ser = new AvroSerializer<TextEvent>(client, false);
                var de = new AvroDeserializer<>(client, TextEvent.class)) {
            byte[] b = ser.serialize(t, Samples.textEvent("a"));
            assertArrayEquals(new byte[] {0}, Arrays.copyOf(b, 1));
            assertEquals(Samples.textEvent("a"), de.deserialize(t, b));
            assertNull(ser.serialize(t, null));
        }
    }
}
