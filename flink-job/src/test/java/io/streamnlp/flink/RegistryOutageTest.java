package io.streamnlp.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.registry.SchemaRegistryClient;
import io.streamnlp.schemas.serde.ConfluentWireFormat;
import io.streamnlp.training.bundle.DefaultBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
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
 * The schema registry stops answering (its process is frozen with SIGSTOP) while records with a schema id the job has
 * not seen yet arrive: the job waits instead of dead-lettering them, and once the registry is back every record comes
 * out exactly once.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(400)
class RegistryOutageTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobMetrics.miniCluster(METRICS);

    @TempDir
    static Path registryDir;

    @BeforeAll
    static void defaultModel() {
        DefaultBundle.ensure(ModelStore.open(registryDir));
    }

    @Test
    void recordsWaitForTheRegistryAndComeOutExactlyOnce(LocalStack stack) throws Exception {
        String name = "outage";
        String in = name + "-in";
        stack.kafka().createTopics(1, in, name + "-out", name + "-dlq", name + "-drift");
        stack.kafka().createCompactedTopic(name + "-models", 1);
        KafkaTopics kafka = new KafkaTopics(stack);

        List<TextEvent> before = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(KafkaTopics.event(
                    "before-" + i, "Ticket " + i + ": the invoice shows a charge I do not recognise."));
        }
        kafka.produce(in, before);
        // the producer's next schema version: an id the job can only learn from the registry
        Schema v2 = withOptionalField(TextEvent.getClassSchema(), "priority");
        int v2Id = SchemaRegistryClient.create(kafka.serdeConfig()).register(in + "-value", v2);
        List<byte[][]> during = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "during-" + i;
            during.add(
                    new byte[][] {id.getBytes(StandardCharsets.UTF_8), ConfluentWireFormat.frame(v2Id, v2Record(v2, id))
                    });
        }

        Map<String, String> cfg = kafka.jobConfig(name, registryDir);
        cfg.put("registry.request-timeout-ms", "1000");
        cfg.put("registry.outage.initial-backoff-ms", "200");
        cfg.put("registry.outage.max-backoff-ms", "1000");
        JobConfig config = JobConfig.of(cfg);
        JobClient job = EnrichmentJob.start(StreamExecutionEnvironment.getExecutionEnvironment(), config);
        JobMetrics metrics = new JobMetrics(METRICS);
        long pid = stack.registry().pid();
        try {
            assertThat(kafka.read(name + "-out", EnrichedEvent.class, before.size(), Duration.ofSeconds(120)))
                    .hasSize(before.size());

            signal(pid, "STOP");
            try {
                kafka.produceRaw(in, during);
                metrics.await(job.getJobID(), "registry_retries", 2, Duration.ofSeconds(90));
            } finally {
                signal(pid, "CONT");
            }

            int total = before.size() + during.size();
            List<ConsumerRecord<byte[], EnrichedEvent>> out =
                    kafka.read(name + "-out", EnrichedEvent.class, total, Duration.ofSeconds(120));
            List<String> ids =
                    out.stream().map(r -> r.value().getEvent().getId()).toList();
            assertThat(ids).doesNotHaveDuplicates();
            Set<String> expected = before.stream().map(TextEvent::getId).collect(Collectors.toSet());
            during.forEach(kv -> expected.add(new String(kv[0], StandardCharsets.UTF_8)));
            assertThat(Set.copyOf(ids)).isEqualTo(expected);
            assertThat(kafka.read(name + "-dlq", DeadLetter.class, 0, Duration.ofSeconds(1)))
                    .isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", signal, pid).isZero();
    }

    private static Schema withOptionalField(Schema base, String field) {
        String json = base.toString();
        int end = json.lastIndexOf(']');
        return new Schema.Parser()
                .parse(json.substring(0, end) + ",{\"name\":\"" + field
                        + "\",\"type\":[\"null\",\"int\"],\"default\":null}" + json.substring(end));
    }

    private static byte[] v2Record(Schema v2, String id) throws IOException {
        GenericData.Record r = new GenericRecordBuilder(v2)
                .set("id", id)
                .set("tenant", "acme")
                .set("source", "email")
                .set("text", "Event " + id + ": my parcel was delivered to the wrong address.")
                .set("created_at", 1_700_000_000_000L)
                .set("attributes", Map.of("channel", "test"))
                .set("priority", 2)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(v2).write(r, enc);
        enc.flush();
        return out.toByteArray();
    }
}
