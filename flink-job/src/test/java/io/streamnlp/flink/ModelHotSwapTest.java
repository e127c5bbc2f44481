package io.streamnlp.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.events.ModelEventPublisher;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.training.bundle.DefaultBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The running job follows the registry's champion alias under continuous traffic. */
@ExtendWith(LocalStackExtension.class)
@Timeout(300)
class ModelHotSwapTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobMetrics.miniCluster(METRICS);

    private final JobMetrics metrics = new JobMetrics(METRICS);

    @TempDir
    Path registryDir;

    @Test
    void followsTheChampionAliasAndRefusesACorruptVersion(LocalStack stack) throws Exception {
        String name = "swap";
        stack.kafka().createTopics(1, name + "-in", name + "-out", name + "-dlq", name + "-drift");
        stack.kafka().createCompactedTopic(name + "-models", 1);
        ModelStore store = ModelStore.open(registryDir);
        ModelVersion v1 = DefaultBundle.ensure(store);
        Map<String, Object> publisherConfig = new HashMap<>(stack.kafka().clientConfig());
        publisherConfig.put("schema.registry.url", stack.schemaRegistryUrl());
        KafkaTopics kafka = new KafkaTopics(stack);

        Map<String, String> cfg = kafka.jobConfig(name, registryDir);
        cfg.put("model.ref", "default@champion");
        JobConfig config = JobConfig.of(cfg);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobClient job = EnrichmentJob.start(env, config);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger produced = new AtomicInteger();
        Thread traffic = new Thread(
                () -> {
                    while (producing.get()) {
                        int i = produced.getAndIncrement();
                        kafka.produce(
                                name + "-in",
                                List.of(KafkaTopics.event(
                                        "e-" + i, "Ticket " + i + ": my parcel is late, please check the delivery.")));
                    }
                },
                "traffic");
        try (ModelEventPublisher publisher = ModelEventPublisher.create(publisherConfig, name + "-models", null)) {
            store.addListener(publisher);
            traffic.start();
            awaitOutput(kafka, name + "-out", e -> version(e).equals("1"));

            ModelVersion corrupt = store.register("default", artifacts(store.directory(v1), true), request(v1));
            store.setAlias("default", "champion", corrupt.version());
            metrics.await(job.getJobID(), "model_load_failures", 1, Duration.ofSeconds(90));

            ModelVersion v3 = store.register("default", artifacts(store.directory(v1), false), request(v1));
            store.setAlias("default", "champion", v3.version());
            awaitOutput(kafka, name + "-out", e -> version(e).equals(Integer.toString(v3.version())));
        } finally {
            producing.set(false);
            traffic.join(10_000);
        }
        int total = produced.get();
        // everything produced so far is processed and committed before the job stops
        List<ConsumerRecord<byte[], EnrichedEvent>> out =
                kafka.read(name + "-out", EnrichedEvent.class, total, Duration.ofSeconds(60));
        job.cancel().get();

        List<String> ids = out.stream().map(r -> r.value().getEvent().getId()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids))
                .isEqualTo(Stream.iterate(0, i -> i + 1)
                        .limit(total)
                        .map(i -> "e-" + i)
                        .collect(Collectors.toSet()));
        assertThat(out).extracting(r -> version(r.value())).doesNotContain("2").contains("1", "3");
        // one partition, one subtask: once the new version serves, the old one never comes back
        List<String> versions = out.stream().map(r -> version(r.value())).toList();
        assertThat(versions.subList(versions.indexOf("3"), versions.size())).containsOnly("3");
    }

    /**
     * The champion is moved by force to a version that cannot load, and a TaskManager dies: the job
     * comes back on the version it served before (from checkpointed state), loses and repeats
     * nothing, and later picks up a good champion by polling alone (no model events are published).
     */
    @Test
    void aFailoverOntoAChampionThatCannotLoadServesTheLastGoodVersion(
            LocalStack stack, @InjectMiniCluster MiniCluster flink) throws Exception {
        String name = "broken";
        stack.kafka().createTopics(1, name + "-in", name + "-out", name + "-dlq", name + "-drift");
        stack.kafka().createCompactedTopic(name + "-models", 1);
        ModelStore store = ModelStore.open(registryDir);
        ModelVersion v1 = DefaultBundle.ensure(store);
        KafkaTopics kafka = new KafkaTopics(stack);
        Map<String, String> cfg = kafka.jobConfig(name, registryDir);
        cfg.put("model.ref", "default@champion");
        cfg.put("model.poll-interval", "1s");
        JobClient job = EnrichmentJob.start(StreamExecutionEnvironment.getExecutionEnvironment(), JobConfig.of(cfg));
        List<String> produced = new ArrayList<>();

        produced.addAll(produce(kafka, name + "-in", "served", 30));
        // committed output means a completed checkpoint, which holds the version served
        assertThat(kafka.read(name + "-out", EnrichedEvent.class, produced.size(), Duration.ofSeconds(90)))
                .hasSize(produced.size());

        ModelVersion corrupt = store.register("default", artifacts(store.directory(v1), true), request(v1));
        store.forceAlias("default", "champion", corrupt.version());
        produced.addAll(produce(kafka, name + "-in", "in-flight", 30));
        flink.terminateTaskManager(0).get();
        flink.startTaskManager();
        produced.addAll(produce(kafka, name + "-in", "after-failover", 30));

        List<ConsumerRecord<byte[], EnrichedEvent>> out =
                kafka.read(name + "-out", EnrichedEvent.class, produced.size(), Duration.ofSeconds(120));
        assertThat(out).extracting(r -> r.value().getEvent().getId()).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(out).extracting(r -> version(r.value())).containsOnly("1");
        assertThat(metrics.sum(job.getJobID(), "numRestarts")).isPositive();
        metrics.await(job.getJobID(), "model_load_failures", 1, Duration.ofSeconds(90));

        ModelVersion v3 = store.register("default", artifacts(store.directory(v1), false), request(v1));
        store.setAlias("default", "champion", v3.version());
        metrics.await(job.getJobID(), "model_swaps", 1, Duration.ofSeconds(90));
        produced.addAll(produce(kafka, name + "-in", "next-champion", 30));

        out = kafka.read(name + "-out", EnrichedEvent.class, produced.size(), Duration.ofSeconds(90));
        job.cancel().get();
        assertThat(out).extracting(r -> r.value().getEvent().getId()).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(out)
                .filteredOn(r -> r.value().getEvent().getId().startsWith("next-champion"))
                .extracting(r -> version(r.value()))
                .containsOnly(Integer.toString(v3.version()));
    }

    private static List<String> produce(KafkaTopics kafka, String topic, String prefix, int count) {
        List<TextEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(KafkaTopics.event(
                    prefix + "-" + i, "Ticket " + i + ": my parcel is late, please check the delivery."));
        }
        kafka.produce(topic, events);
        return events.stream().map(TextEvent::getId).toList();
    }

    private static String version(EnrichedEvent e) {
        return e.getClassifications().get(0).getModel().getVersion();
    }

    private static RegistrationRequest request(ModelVersion v) {
        return new RegistrationRequest(
                v.manifest().tasks(), v.manifest().format(), v.manifest().labels(), Map.of(), null, null, v.version());
    }

    /** The artifacts of a registered version (its manifest is the registry's); {@code corrupt} breaks the first head. */
    private Path artifacts(Path bundle, boolean corrupt) throws IOException {
        Path copy = Files.createTempDirectory(registryDir, "artifacts");
        try (Stream<Path> files = Files.walk(bundle)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(bundle.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals("manifest.json")) {
                    Files.copy(f, target);
                }
            }
        }
        if (corrupt) {
            try (Stream<Path> heads = Files.walk(copy)) {
                Path head = heads.filter(p -> p.toString().endsWith(".onnx"))
                        .sorted()
                        .findFirst()
                        .orElseThrow();
                Files.writeString(head, "this is not an ONNX model");
            }
        }
        return copy;
    }

    private static void awaitOutput(KafkaTopics kafka, String topic, Predicate<EnrichedEvent> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (kafka.read(topic, EnrichedEvent.class, Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                    .anyMatch(r -> condition.test(r.value()))) {
                return;
            }
        }
        throw new AssertionError("no enriched record on " + topic + " matched within 90 s");
    }
}
