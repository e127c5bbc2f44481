package io.streamnlp.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.inference.Enricher;
import io.streamnlp.flink.inference.EnricherFactory;
import io.streamnlp.flink.inference.PipelineEnricher;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.Entity;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.training.bundle.DefaultBundle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The job end to end: real broker, real Apicurio registry, a Flink MiniCluster and the default model. */
@ExtendWith(LocalStackExtension.class)
@Timeout(300)
class EnrichmentJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    static Path registryDir;

    static ModelVersion model;

    @BeforeAll
    static void defaultModel() {
        model = DefaultBundle.ensure(ModelStore.open(registryDir));
    }

    private static Map<String, String> config(LocalStack stack, String name) {
        Map<String, String> m = new KafkaTopics(stack).jobConfig(name, registryDir);
        m.put("kafka.bounded", "true");
        return m;
    }

    private static void createTopics(LocalStack stack, String name, int partitions) {
        Map<String, String> big = Map.of("max.message.bytes", Integer.toString(8 * 1024 * 1024));
        stack.kafka().createTopic(name + "-in", partitions, big);
        stack.kafka().createTopic(name + "-out", 1);
        stack.kafka().createTopic(name + "-dlq", 1, big);
        stack.kafka().createTopic(name + "-drift", 1);
        stack.kafka().createCompactedTopic(name + "-models", 1);
    }

    private static void run(JobConfig config, EnricherFactory enrichers) throws Exception {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(
                config.checkpointIntervalMs(), org.apache.flink.core.execution.CheckpointingMode.EXACTLY_ONCE);
        EnrichmentTopology.build(env, config, enrichers);
        env.execute(config.jobName());
    }

    @Test
    void enrichesEveryEventExactlyOnceWithEveryField(LocalStack stack) throws Exception {
        String name = "enrich";
        createTopics(stack, name, 2);
        KafkaTopics kafka = new KafkaTopics(stack);
        List<TextEvent> events = new ArrayList<>();
        events.add(KafkaTopics.event(
                "refund",
                "I was charged twice for my subscription. Please refund the second payment of $49.99 to my card."));
        events.add(KafkaTopics.event(
                "order", "My order ORD-48213 still has not arrived. It was due last Monday. Where is my package?"));
        events.add(
                KafkaTopics.event(
                        "crash",
                        "The mobile app crashes every time I open the settings page. I reinstalled it twice and it still crashes."));
        for (int i = 0; i < 21; i++) {
            events.add(
                    KafkaTopics.event(
                            "bulk-" + i,
                            "Ticket number " + i
                                    + ": I cannot log in to my account since the update, the password reset email never arrives."));
        }
        kafka.produce(name + "-in", events);

        run(JobConfig.of(config(stack, name)), PipelineEnricher::new);

        List<ConsumerRecord<byte[], EnrichedEvent>> out =
                kafka.read(name + "-out", EnrichedEvent.class, events.size(), Duration.ofSeconds(60));
        assertThat(out).hasSize(events.size());
        Map<String, EnrichedEvent> byId =
                out.stream().collect(Collectors.toMap(r -> r.value().getEvent().getId(), ConsumerRecord::value));
        assertThat(byId.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        events.stream().map(TextEvent::getId).toList());
        for (ConsumerRecord<byte[], EnrichedEvent> r : out) {
            EnrichedEvent e = r.value();
            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo(e.getEvent().getId());
            assertThat(e.getClassifications()).isNotEmpty();
            e.getClassifications().forEach(c -> {
                assertThat(c.getModel().getName()).isEqualTo("default");
                assertThat(c.getModel().getVersion()).isEqualTo(Integer.toString(model.version()));
                assertThat(c.getModel().getDigest()).isEqualTo(model.digest());
                assertThat(c.getScore()).isBetween(0f, 1f);
                assertThat(c.getTopK()).isNotEmpty();
                assertThat(c.getTopK().get(0).getLabel()).isEqualTo(c.getLabel());
            });
            assertThat(e.getEntitiesModel().getDigest()).isEqualTo(model.digest());
            for (Entity ent : e.getEntities()) {
                assertThat(e.getEvent().getText().substring(ent.getStart(), ent.getEnd()))
                        .isEqualTo(ent.getText());
            }
            assertThat(e.getBatchId()).isNotBlank();
            assertThat(e.getBatchSize()).isBetween(1, 32);
            assertThat(e.getProcessingLatencyMs()).isGreaterThanOrEqualTo(0);
            assertThat(e.getEvent().getAttributes()).containsEntry("channel", "test");
        }
        assertThat(byId.get("refund").getSummary()).isNotNull();
        assertThat(byId.get("refund").getSummary().getText()).isNotBlank();
        assertThat(label(byId.get("crash"), "category")).isEqualTo("technical");
        assertThat(label(byId.get("order"), "category")).isEqualTo("shipping");
        assertThat(byId.get("order").getEntities())
                .anySatisfy(ent -> assertThat(ent.getText()).contains("48213"));
    }

    private static String label(EnrichedEvent e, String task) {
        return e.getClassifications().stream()
                .filter(c -> c.getTask().equals(task))
                .findFirst()
                .orElseThrow()
                .getLabel();
    }

    @Test
    void poisonRecordsReachTheDeadLetterTopicAndNothingIsLost(LocalStack stack) throws Exception {
        String name = "poison";
        createTopics(stack, name, 1);
        KafkaTopics kafka = new KafkaTopics(stack);
        String in = name + "-in";
        Random random = new Random(42);
        byte[] randomBytes = new byte[64];
        random.nextBytes(randomBytes);
        randomBytes[0] = 7;
        byte[] valid = kafka.encode(in, KafkaTopics.event("ok-1", "Please cancel my subscription."));
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 1;
        byte[] unknownId = ByteBuffer.allocate(valid.length)
                .put((byte) 0)
                .putInt(987_654)
                .put(valid, 5, valid.length - 5)
                .array();
        byte[] truncated = java.util.Arrays.copyOf(valid, 8);
        String huge = "refund ".repeat(300_000);

        List<byte[][]> records = new ArrayList<>();
        records.add(kv("ok-1", valid));
        records.add(kv("random", randomBytes));
        records.add(kv("magic", wrongMagic));
        records.add(kv("unknown-id", unknownId));
        records.add(kv("truncated", truncated));
        records.add(kv("no-value", null));
        records.add(kv("empty", kafka.encode(in, KafkaTopics.event("empty", "   "))));
        records.add(kv("huge", kafka.encode(in, KafkaTopics.event("huge", huge))));
        records.add(kv("ok-2", kafka.encode(in, KafkaTopics.event("ok-2", "Where is my parcel?"))));
        kafka.produceRaw(in, records);

        Map<String, String> cfg = config(stack, name);
        cfg.put("kafka.properties.max.request.size", Integer.toString(8 * 1024 * 1024));
        run(JobConfig.of(cfg), PipelineEnricher::new);

        List<ConsumerRecord<byte[], EnrichedEvent>> out =
                kafka.read(name + "-out", EnrichedEvent.class, 2, Duration.ofSeconds(60));
        List<ConsumerRecord<byte[], DeadLetter>> dead =
                kafka.read(name + "-dlq", DeadLetter.class, 7, Duration.ofSeconds(60));
        assertThat(out.size() + dead.size()).isEqualTo(records.size());
        assertThat(out).extracting(r -> r.value().getEvent().getId()).containsExactlyInAnyOrder("ok-1", "ok-2");
        Map<String, DeadLetter> byKey = dead.stream()
                .collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8), ConsumerRecord::value));
        assertThat(byKey).hasSize(7);
        assertThat(byKey.get("random").getReason()).isEqualTo(DeadLetterReason.BAD_MAGIC_BYTE);
        assertThat(byKey.get("magic").getReason()).isEqualTo(DeadLetterReason.BAD_MAGIC_BYTE);
        assertThat(byKey.get("unknown-id").getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
        assertThat(byKey.get("truncated").getReason()).isEqualTo(DeadLetterReason.TRUNCATED_PAYLOAD);
        assertThat(byKey.get("no-value").getReason()).isEqualTo(DeadLetterReason.MISSING_VALUE);
        assertThat(byKey.get("empty").getReason()).isEqualTo(DeadLetterReason.EMPTY_TEXT);
        assertThat(byKey.get("huge").getReason()).isEqualTo(DeadLetterReason.TEXT_TOO_LONG);
        for (byte[][] kv : records) {
            DeadLetter d = byKey.get(new String(kv[0], StandardCharsets.UTF_8));
            if (d != null) {
                assertThat(d.getTopic()).isEqualTo(in);
                assertThat(d.getPartition()).isZero();
                assertThat(d.getMessage()).isNotBlank();
                assertThat(d.getValue() == null ? null : bytes(d.getValue())).isEqualTo(kv[1]);
            }
        }
        assertThat(dead).extracting(r -> r.value().getOffset()).doesNotHaveDuplicates();
    }

    /** Fails the task once, after {@code afterEvents} events, the way a crashed TaskManager would. */
    static final class FailOnce implements EnricherFactory {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger SEEN = new AtomicInteger();
        private final int afterEvents;

        FailOnce(int afterEvents) {
            this.afterEvents = afterEvents;
        }

        @Override
        public Enricher create(
                JobConfig config,
                io.streamnlp.flink.inference.ServedModel model,
                int subtaskIndex,
                org.apache.flink.metrics.MetricGroup metrics) {
            Enricher real = new PipelineEnricher(config, model, subtaskIndex, metrics);
            return new Enricher() {
                @Override
                public Admission admit(io.streamnlp.flink.inference.PendingEvent event) {
                    return real.admit(event);
                }

                @Override
                public Pass infer(List<io.streamnlp.flink.inference.QueuedEvent> batch) {
                    if (SEEN.addAndGet(batch.size()) > afterEvents && FAILED.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected failure after " + afterEvents + " events");
                    }
                    return real.infer(batch);
                }

                @Override
                public Outcome complete(Pass pass) {
                    return real.complete(pass);
                }

                @Override
                public io.streamnlp.flink.inference.ServedModel model() {
                    return real.model();
                }

                @Override
                public io.streamnlp.flink.inference.ServedModel serve(io.streamnlp.flink.inference.ServedModel next) {
                    return real.serve(next);
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }
    }

    @Test
    void recoversFromAFailureWithoutDuplicatesOrGaps(LocalStack stack) throws Exception {
        String name = "recovery";
        createTopics(stack, name, 2);
        KafkaTopics kafka = new KafkaTopics(stack);
        int n = 120;
        List<TextEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(KafkaTopics.event(
                    "e-" + i, "Event " + i + ": the invoice for March shows a charge I do not recognise."));
        }
        kafka.produce(name + "-in", events);

        Map<String, String> cfg = config(stack, name);
        cfg.put("batch.buffer-capacity", "8");
        cfg.put("batch.max-size", "8");
        run(JobConfig.of(cfg), new FailOnce(n / 2));

        assertThat(FailOnce.FAILED).isTrue();
        List<ConsumerRecord<byte[], EnrichedEvent>> out =
                kafka.read(name + "-out", EnrichedEvent.class, n, Duration.ofSeconds(60));
        List<String> ids = out.stream().map(r -> r.value().getEvent().getId()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids))
                .isEqualTo(events.stream().map(TextEvent::getId).collect(Collectors.toSet()));
    }

    private static byte[][] kv(String key, byte[] value) {
        return new byte[][] {key.getBytes(StandardCharsets.UTF_8), value};
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
