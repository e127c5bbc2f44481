package io.streamnlp.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelFormat;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.schemas.avro.Classification;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.TextEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's bring-your-own flow on the real stack: a Hugging Face export registered as {@code hf-onnx}
 * (what {@code registry import-hf} does) is served by the job through the champion alias, and the
 * job swaps to the next imported version without a restart.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(300)
class BringYourOwnModelJobTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobMetrics.miniCluster(METRICS);

    /** inference's tiny transformers fixture; Surefire runs in the module directory. */
    private static final Path SEQUENCE_CLASSIFIER =
            Path.of("..", "inference", "src", "test", "resources", "fixtures", "bert-tiny-sequence-classification");

    private static final List<String> FIXTURE_LABELS = List.of("negative", "neutral", "positive");

    private final JobMetrics metrics = new JobMetrics(METRICS);

    @TempDir
    Path temp;

    @Test
    void anImportedExportServesAndSwaps(LocalStack stack) throws Exception {
        String name = "byo";
        stack.kafka().createTopics(1, name + "-in", name + "-out", name + "-dlq", name + "-drift");
        stack.kafka().createCompactedTopic(name + "-models", 1);
        Path registryDir = temp.resolve("registry");
        ModelStore store = ModelStore.open(registryDir);
        ModelVersion v1 = importExport(store);
        store.setAlias("sentiment", "champion", v1.version());
        KafkaTopics kafka = new KafkaTopics(stack);
        Map<String, String> cfg = kafka.jobConfig(name, registryDir);
        cfg.put("model.ref", "sentiment@champion");
        cfg.put("model.poll-interval", "1s");
        cfg.put("tasks", "classification");
        JobClient job = EnrichmentJob.start(StreamExecutionEnvironment.getExecutionEnvironment(), JobConfig.of(cfg));

        List<String> produced = new ArrayList<>(produce(kafka, name + "-in", "first", 10));
        List<ConsumerRecord<byte[], EnrichedEvent>> out =
                kafka.read(name + "-out", EnrichedEvent.class, produced.size(), Duration.ofSeconds(90));
        assertThat(out).hasSize(produced.size());
        for (ConsumerRecord<byte[], EnrichedEvent> record : out) {
            Classification sentiment = record.value().getClassifications().get(0);
            assertThat(sentiment.getTask()).isEqualTo("sentiment");
            assertThat(FIXTURE_LABELS).contains(sentiment.getLabel());
            assertThat(sentiment.getModel().getVersion()).isEqualTo("1");
            assertThat(sentiment.getModel().getDigest()).isEqualTo(v1.digest());
        }

        ModelVersion v2 = importExport(store);
        store.setAlias("sentiment", "champion", v2.version());
        metrics.await(job.getJobID(), "model_swaps", 1, Duration.ofSeconds(90));
        produced.addAll(produce(kafka, name + "-in", "second", 10));
        out = kafka.read(name + "-out", EnrichedEvent.class, produced.size(), Duration.ofSeconds(90));
        job.cancel().get();

        assertThat(out).extracting(r -> r.value().getEvent().getId()).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(out)
                .filteredOn(r -> r.value().getEvent().getId().startsWith("second"))
                .extracting(
                        r -> r.value().getClassifications().get(0).getModel().getVersion())
                .containsOnly("2");
    }

    /** What {@code registry import-hf DIR --name sentiment --task sentiment} registers. */
    private ModelVersion importExport(ModelStore store) throws IOException {
        Path export = Files.createTempDirectory(temp, "export");
        try (Stream<Path> files = Files.list(SEQUENCE_CLASSIFIER)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("reference.json"))
                    .toList()) {
                Files.copy(file, export.resolve(file.getFileName()));
            }
        }
        return store.register(
                "sentiment",
                export,
                RegistrationRequest.builder()
                        .format(ModelFormat.HF_ONNX)
                        .task("sentiment")
                        .build());
    }

    private static List<String> produce(KafkaTopics kafka, String topic, String prefix, int count) {
        List<TextEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(KafkaTopics.event(prefix + "-" + i, "Ticket " + i + ": I love how fast the parcel arrived."));
        }
        kafka.produce(topic, events);
        return events.stream().map(TextEvent::getId).toList();
    }
}
