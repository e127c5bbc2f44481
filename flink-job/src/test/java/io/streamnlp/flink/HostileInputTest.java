package io.streamnlp.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.inference.FaultyModels;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.ModelEventType;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.registry.SchemaRegistryClient;
import io.streamnlp.schemas.serde.AvroSerializer;
import io.streamnlp.schemas.serde.ConfluentWireFormat;
import io.streamnlp.training.bundle.DefaultBundle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of hostile input on the real stack (broker, Apicurio, MiniCluster, the default model), then good traffic:
 * the job never restarts and every record comes out once, enriched or dead-lettered with the reason it deserves.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(600)
class HostileInputTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final String MARKER = "MODEL-BREAKER-7f3a";
    private static final int MAX_TEXT_CHARS = 400_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobMetrics.miniCluster(METRICS);

    @TempDir
    static Path registryDir;

    @BeforeAll
    static void defaultModel() {
        DefaultBundle.ensure(ModelStore.open(registryDir));
    }

    /** One hostile record: its key, its value bytes, and the reason it must be dead-lettered for (null: enriched). */
    private record Case(String key, byte[] value, DeadLetterReason expected) {}

    @Test
    void hostileInputNeverRestartsTheJobAndEveryRecordIsAccountedFor(LocalStack stack) throws Exception {
        String name = "hostile";
        String in = name + "-in";
        stack.kafka().createTopic(in, 1, Map.of("max.message.bytes", Integer.toString(4 * 1024 * 1024)));
        // out and dead letters keep the broker's default limit of about 1 MiB
        stack.kafka().createTopics(1, name + "-out", name + "-dlq", name + "-drift");
        stack.kafka().createCompactedTopic(name + "-models", 1);
        KafkaTopics kafka = new KafkaTopics(stack);

        List<Case> cases = hostileCases(stack, kafka, in);
        List<byte[][]> records = new ArrayList<>();
        cases.forEach(c -> records.add(new byte[][] {c.key().getBytes(StandardCharsets.UTF_8), c.value()}));
        for (int i = 0; i < 100; i++) {
            String id = "good-" + i;
            records.add(new byte[][] {
                id.getBytes(StandardCharsets.UTF_8),
                kafka.encode(
                        in,
                        KafkaTopics.event(
                                id,
                                "Ticket " + i + ": I was charged twice for order ORD-" + (1000 + i)
                                        + ", please refund."))
            });
        }
        kafka.produceRaw(in, records);

        Map<String, String> cfg = kafka.jobConfig(name, registryDir);
        cfg.put("validation.max-text-chars", Integer.toString(MAX_TEXT_CHARS));
        cfg.put("validation.max-attributes", "8");
        JobConfig config = JobConfig.of(cfg);
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(1);
        env.enableCheckpointing(config.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        EnrichmentTopology.build(env, config, FaultyModels.throwingOn(MARKER));
        JobClient job = env.executeAsync(config.jobName());
        try {
            long expectedDead = cases.stream().filter(c -> c.expected() != null).count();
            int expectedEnriched = records.size() - (int) expectedDead;
            List<ConsumerRecord<byte[], EnrichedEvent>> out =
                    kafka.read(name + "-out", EnrichedEvent.class, expectedEnriched, Duration.ofSeconds(240));
            List<ConsumerRecord<byte[], DeadLetter>> dead =
                    kafka.read(name + "-dlq", DeadLetter.class, (int) expectedDead, Duration.ofSeconds(60));

            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            JobMetrics metrics = new JobMetrics(METRICS);
            assertThat(metrics.sum(job.getJobID(), "numRestarts")).isZero();
            assertThat(metrics.sum(job.getJobID(), "records_in")).isEqualTo(records.size());

            assertThat(out.size() + dead.size()).isEqualTo(records.size());
            Map<String, DeadLetterReason> reasons = dead.stream()
                    .collect(Collectors.toMap(
                            r -> new String(r.key(), StandardCharsets.UTF_8),
                            r -> r.value().getReason()));
            Map<String, DeadLetterReason> expected = new LinkedHashMap<>();
            cases.stream().filter(c -> c.expected() != null).forEach(c -> expected.put(c.key(), c.expected()));
            assertThat(reasons).containsExactlyInAnyOrderEntriesOf(expected);
            for (ConsumerRecord<byte[], DeadLetter> r : dead) {
                DeadLetter d = r.value();
                assertThat(d.getTopic()).isEqualTo(in);
                assertThat(d.getMessage()).isNotBlank();
                if (d.getReason() != DeadLetterReason.OUTPUT_TOO_LARGE) {
                    Case c = cases.stream()
                            .filter(x -> x.key().equals(new String(r.key(), StandardCharsets.UTF_8)))
                            .findFirst()
                            .orElseThrow();
                    assertThat(d.getValue() == null ? null : bytes(d.getValue()))
                            .isEqualTo(c.value() == null ? null : c.value());
                }
            }
            Map<String, DeadLetter> byKey = dead.stream()
                    .collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8), ConsumerRecord::value));
            for (String key : List.of("one-megabyte", "text-far-over-limit")) {
                DeadLetter tooLarge = byKey.get(key);
                assertThat(tooLarge.getValue().remaining())
                        .isEqualTo(config.output().deadLetterBytesCap());
                assertThat(tooLarge.getMessage())
                        .contains("cut to its first " + config.output().deadLetterBytesCap())
                        .contains("at offset");
            }
            assertThat(byKey.get("one-megabyte").getMessage()).startsWith("the enriched record would take");
            assertThat(byKey.get("text-far-over-limit").getMessage())
                    .startsWith("the dead letter would take")
                    .contains("TEXT_TOO_LONG");
            assertThat(dead.stream()
                            .map(ConsumerRecord::value)
                            .filter(d -> d.getReason() == DeadLetterReason.INFERENCE_FAILED))
                    .singleElement()
                    .satisfies(d -> assertThat(d.getMessage()).contains("injected failure"));

            Map<String, EnrichedEvent> enriched = out.stream()
                    .collect(Collectors.toMap(r -> r.value().getEvent().getId(), ConsumerRecord::value));
            List<String> shouldEnrich = new ArrayList<>();
            cases.stream().filter(c -> c.expected() == null).forEach(c -> shouldEnrich.add(c.key()));
            for (int i = 0; i < 100; i++) {
                shouldEnrich.add("good-" + i);
            }
            assertThat(enriched.keySet()).containsExactlyInAnyOrderElementsOf(shouldEnrich);
            for (Case c : cases) {
                if (c.expected() == null) {
                    EnrichedEvent e = enriched.get(c.key());
                    assertThat(e.getClassifications()).isNotEmpty();
                    assertThat(e.getEvent().getText()).isEqualTo(text(c));
                }
            }
        } finally {
            job.cancel().get();
        }
    }

    private static final Map<String, String> ODD_UNICODE = Map.of(
            "odd-combining",
                    "Cafe\u0301 re\u0301sume\u0301: the a\u0308\u0308\u0308 and o\u0302\u0323 marks stack on one letter.",
            "odd-rtl",
                    "Invoice \u202Etxt.exe\u202C attached; \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 please check.",
            "odd-zwj",
                    "Family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 and a zero\u200Bwidth\u200Cnon\u200Djoiner.",
            "odd-emoji", "\uD83D\uDE00\uD83D\uDE80\uD83D\uDD25 my order is late \uD83D\uDE21\uD83D\uDCE6",
            "odd-cjk",
                    "\u6211\u7684\u8BA2\u5355\u8FD8\u6CA1\u6709\u5230\uFF0C\u8BF7\u9000\u6B3E\u3002\u6CE8\u6587\u304C\u5C4A\u304D\u307E\u305B\u3093\u3002",
            "odd-long-token", "Token: " + "x".repeat(5_000));

    private static String text(Case c) {
        return ODD_UNICODE.get(c.key());
    }

    private static List<Case> hostileCases(LocalStack stack, KafkaTopics kafka, String in) {
        byte[] valid = kafka.encode(in, KafkaTopics.event("valid", "Please cancel my subscription."));
        Random random = new Random(13);
        byte[] randomBytes = new byte[256];
        random.nextBytes(randomBytes);
        randomBytes[0] = 7;
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 1;
        byte[] body = Arrays.copyOfRange(valid, ConfluentWireFormat.HEADER_SIZE, valid.length);
        SchemaRegistryClient registry = SchemaRegistryClient.create(kafka.serdeConfig());
        int jsonId = registry.register(
                in + "-json-value",
                "JSON",
                "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}}}");
        int protobufId = registry.register(
                in + "-proto-value",
                "PROTOBUF",
                "syntax = \"proto3\";\npackage streamnlp.hostile;\n\nmessage Ticket {\n  string text = 1;\n}\n");
        byte[] modelEvent;
        try (AvroSerializer<ModelEvent> s = new AvroSerializer<>()) {
            s.configure(kafka.serdeConfig(), false);
            modelEvent = s.serialize(
                    in + "-models",
                    ModelEvent.newBuilder()
                            .setType(ModelEventType.ALIAS_SET)
                            .setModelName("default")
                            .setVersion("1")
                            .setAlias("champion")
                            .setDigest("d")
                            .setAt(Instant.EPOCH)
                            .build());
        }
        byte[] invalidUtf8 =
                replace(kafka.encode(in, KafkaTopics.event("invalid-utf8", "caf\u00e9 XYZ order")), "XYZ", new byte[] {
                    (byte) 0xC3, 0x28, (byte) 0xFF
                });
        Map<String, String> manyAttributes = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            manyAttributes.put("k" + i, "v");
        }

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("random-bytes", randomBytes, DeadLetterReason.BAD_MAGIC_BYTE));
        cases.add(new Case("wrong-magic", wrongMagic, DeadLetterReason.BAD_MAGIC_BYTE));
        cases.add(new Case("unknown-id", ConfluentWireFormat.frame(987_654, body), DeadLetterReason.UNKNOWN_SCHEMA));
        cases.add(new Case(
                "json-schema-id",
                ConfluentWireFormat.frame(jsonId, "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8)),
                DeadLetterReason.UNSUPPORTED_SCHEMA));
        cases.add(new Case(
                "protobuf-schema-id",
                ConfluentWireFormat.frame(protobufId, new byte[] {0, 0x0a, 2, 'h', 'i'}),
                DeadLetterReason.UNSUPPORTED_SCHEMA));
        cases.add(new Case("other-record-type", modelEvent, DeadLetterReason.INCOMPATIBLE_SCHEMA));
        cases.add(new Case("truncated", Arrays.copyOf(valid, valid.length - 4), DeadLetterReason.TRUNCATED_PAYLOAD));
        cases.add(new Case("empty-value", new byte[0], DeadLetterReason.MISSING_VALUE));
        cases.add(new Case("null-value", null, DeadLetterReason.MISSING_VALUE));
        cases.add(new Case(
                "blank-text",
                kafka.encode(in, KafkaTopics.event("blank-text", " \t\n ")),
                DeadLetterReason.EMPTY_TEXT));
        cases.add(new Case(
                "nul", kafka.encode(in, KafkaTopics.event("nul", "hello\u0000world")), DeadLetterReason.INVALID_TEXT));
        cases.add(new Case("invalid-utf8", invalidUtf8, DeadLetterReason.INVALID_TEXT));
        cases.add(new Case(
                "text-over-limit",
                kafka.encode(in, KafkaTopics.event("text-over-limit", "refund ".repeat(MAX_TEXT_CHARS / 7 + 10))),
                DeadLetterReason.TEXT_TOO_LONG));
        // refused as TEXT_TOO_LONG, but a dead letter keeping its 1.1 MB would be too large to write
        cases.add(new Case(
                "text-far-over-limit",
                kafka.encode(in, KafkaTopics.event("text-far-over-limit", "refund ".repeat(160_000))),
                DeadLetterReason.OUTPUT_TOO_LARGE));
        cases.add(new Case(
                "many-attributes",
                kafka.encode(
                        in,
                        TextEvent.newBuilder(KafkaTopics.event("many-attributes", "Where is my parcel?"))
                                .setAttributes(manyAttributes)
                                .build()),
                DeadLetterReason.ATTRIBUTES_TOO_LARGE));
        ODD_UNICODE.forEach((key, text) ->
                cases.add(new Case(key, kafka.encode(in, KafkaTopics.event(key, text)), null)));
        // ~1 MB on the wire but under the character limit (3 UTF-8 bytes per character): valid, its enriched record is
        // not
        cases.add(new Case(
                "one-megabyte",
                kafka.encode(in, KafkaTopics.event("one-megabyte", "\u9000\u6B3E\u8BF7\u6C42".repeat(90_000))),
                DeadLetterReason.OUTPUT_TOO_LARGE));
        cases.add(new Case(
                "model-breaker",
                kafka.encode(in, KafkaTopics.event("model-breaker", "Refund please " + MARKER)),
                DeadLetterReason.INFERENCE_FAILED));
        return cases;
    }

    private static byte[] replace(byte[] data, String marker, byte[] replacement) {
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + m.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + m.length, m, 0, m.length)) {
                byte[] out = data.clone();
                System.arraycopy(replacement, 0, out, i, replacement.length);
                return out;
            }
        }
        throw new AssertionError("marker not found");
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
