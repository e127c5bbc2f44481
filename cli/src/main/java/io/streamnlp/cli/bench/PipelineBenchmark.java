package io.streamnlp.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.BundleManifest;
import io.streamnlp.bundle.Json;
import io.streamnlp.flink.EnrichmentJob;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.inference.BatchingInferenceOperator;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.bench.InferenceBenchmark;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerdeConfig;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka to Flink to Kafka with the default three-task bundle on the local stack, measured in one
 * run beside the bare inference limit of the same bundle and batching, and beside a naive
 * per-record baseline that calls one model per task.
 */
final class PipelineBenchmark {
    private static final ObjectMapper JSON = Json.MAPPER;

    record Settings(int events, int naiveEvents, Duration latencyRun, long seed) {}

    private final LocalStack stack;
    private final Path bundleDir;
    private final Map<String, String> jobDefaults;
    private final InferenceOptions options;

    PipelineBenchmark(LocalStack stack, Path bundleDir, Map<String, String> jobDefaults, InferenceOptions options) {
        this.stack = stack;
        this.bundleDir = bundleDir;
        this.jobDefaults = jobDefaults;
        this.options = options;
    }

    ObjectNode run(List<String> texts, Settings s) throws Exception {
        long heapStart = heapAfterGcMb();
        double pipelineTps = throughputRun(texts);
        long heapEnd = heapAfterGcMb();
        double limitTps = inferenceLimit(texts);
        double naiveTps = naive(texts.subList(0, Math.min(texts.size(), s.naiveEvents())));
        long[] latencies = latencyRun(texts, Math.max(1, pipelineTps / 2), s.latencyRun());

        ObjectNode n = JSON.createObjectNode();
        n.put("events", texts.size());
        n.put("pipeline_tps", round(pipelineTps));
        n.put("inference_limit_tps", round(limitTps));
        n.put("efficiency", round(pipelineTps / limitTps));
        n.put("naive_tps", round(naiveTps));
        n.put("speedup_vs_naive", round(pipelineTps / naiveTps));
        n.put("offered_load_tps", round(pipelineTps / 2));
        n.put("p50_ms", percentile(latencies, 0.50));
        n.put("p99_ms", percentile(latencies, 0.99));
        n.put("latency_samples", latencies.length);
        n.put("max_batch_delay_ms", JobConfig.of(config("x", Map.of())).batch().maxDelayMs());
        n.put("heap_after_gc_start_mb", heapStart);
        n.put("heap_after_gc_end_mb", heapEnd);
        n.put("device", options.device().toString());
        n.put("threads", options.intraOpThreads());
        return n;
    }

    /** All events produced first, then a bounded job: rate from the first read to the last enrichment. */
    private double throughputRun(List<String> texts) throws Exception {
        String name = "bench-throughput";
        createTopics(name);
        produce(name + "-in", texts, 0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("kafka.bounded", "true");
        EnrichmentJob.configure(env, JobConfig.of(config(name, overrides)));
        env.execute(name);
        List<EnrichedEvent> out = readAll(name + "-out", texts.size(), Duration.ofMinutes(2));
        long firstRead = out.stream()
                .mapToLong(e -> e.getProcessedAt().toEpochMilli() - e.getProcessingLatencyMs())
                .min()
                .orElseThrow();
        long lastDone = out.stream()
                .mapToLong(e -> e.getProcessedAt().toEpochMilli())
                .max()
                .orElseThrow();
        return out.size() * 1000.0 / Math.max(1, lastDone - firstRead);
    }

    /** The same bundle and batch plan without Kafka, Avro or Flink: the job's batcher limits, each text tokenized once. */
    private double inferenceLimit(List<String> texts) {
        try (NlpPipeline pipeline = NlpPipeline.load(bundleDir, options)) {
            pipeline.predict(texts.subList(0, Math.min(8, texts.size())));
            BatcherConfig batching = BatchingInferenceOperator.batcherConfig(
                    JobConfig.of(config("x", Map.of())).batch());
            long start = System.nanoTime();
            for (List<TokenizedText> batch : InferenceBenchmark.budgetBatches(texts, pipeline.encoder(), batching)) {
                pipeline.predictTokenized(batch);
            }
            return texts.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** One record at a time, one model per task: three encoder passes per record. */
    private double naive(List<String> texts) throws IOException {
        BundleManifest m = BundleManifest.read(bundleDir);
        List<BundleManifest> perTask = List.of(
                new BundleManifest(m.encoder(), m.classification(), null, null),
                new BundleManifest(m.encoder(), List.of(), m.ner(), null),
                new BundleManifest(m.encoder(), List.of(), null, m.summarization()));
        List<NlpPipeline> models = new ArrayList<>();
        try {
            for (BundleManifest task : perTask) {
                Path dir = Files.createTempDirectory("streamnlp-naive");
                copyTree(bundleDir, dir);
                task.write(dir);
                models.add(NlpPipeline.load(dir, options));
            }
            models.forEach(p -> p.predict(List.of(texts.get(0))));
            long start = System.nanoTime();
            for (String t : texts) {
                for (NlpPipeline p : models) {
                    p.predict(List.of(t));
                }
            }
            return texts.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            models.forEach(NlpPipeline::close);
        }
    }

    /** A running job fed at a fixed rate; latency from the producer's timestamp to the enrichment. */
    private long[] latencyRun(List<String> texts, double rate, Duration length) throws Exception {
        String name = "bench-latency";
        createTopics(name);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("kafka.starting-offsets", "earliest");
        JobClient job = EnrichmentJob.start(env, JobConfig.of(config(name, overrides)));
        try {
            int count = (int) Math.max(1, Math.round(rate * length.toSeconds()));
            List<String> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sent.add(texts.get(i % texts.size()));
            }
            produce(name + "-in", sent, rate);
            List<EnrichedEvent> out = readAll(name + "-out", count, Duration.ofMinutes(2));
            long[] latencies = out.stream()
                    .mapToLong(e -> e.getProcessedAt().toEpochMilli()
                            - e.getEvent().getCreatedAt().toEpochMilli())
                    .sorted()
                    .toArray();
            return latencies;
        } finally {
            job.cancel().get();
        }
    }

    private Map<String, String> config(String name, Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>(jobDefaults);
        m.put("job.name", name);
        m.put("kafka.group.id", name);
        m.put("kafka.bootstrap.servers", stack.bootstrapServers());
        m.put("registry.url", stack.schemaRegistryUrl());
        m.put("topics.input", name + "-in");
        m.put("topics.output", name + "-out");
        m.put("topics.dead-letters", name + "-dlq");
        m.put("topics.drift", name + "-drift");
        m.put("topics.model-events", name + "-models");
        m.put("model.bundle-dir", bundleDir.toString());
        m.putAll(overrides);
        return m;
    }

    private void createTopics(String name) {
        stack.kafka().createTopics(1, name + "-in", name + "-out", name + "-dlq", name + "-drift");
    }

    /** Produces the texts as TextEvents; {@code rate} events per second, or as fast as possible when 0. */
    private void produce(String topic, List<String> texts, double rate) {
        Map<String, Object> cfg = new HashMap<>(stack.kafka().clientConfig());
        cfg.put("linger.ms", rate > 0 ? 0 : 20);
        try (AvroSerializer<TextEvent> values = new AvroSerializer<>();
                KafkaProducer<String, TextEvent> p = new KafkaProducer<>(cfg, new StringSerializer(), values)) {
            values.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
            long interval = rate > 0 ? (long) (1e9 / rate) : 0;
            long next = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                if (interval > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    next += interval;
                }
                TextEvent e = TextEvent.newBuilder()
                        .setId("bench-" + i)
                        .setTenant("bench")
                        .setSource("bench")
                        .setText(texts.get(i))
                        .setCreatedAt(Instant.now())
                        .setAttributes(Map.of())
                        .build();
                p.send(new ProducerRecord<>(topic, e.getId(), e));
            }
            p.flush();
        }
    }

    private List<EnrichedEvent> readAll(String topic, int expected, Duration timeout) {
        Map<String, Object> cfg = new HashMap<>(stack.kafka().clientConfig());
        cfg.put("group.id", topic + "-reader");
        cfg.put("auto.offset.reset", "earliest");
        cfg.put("isolation.level", "read_committed");
        Map<String, Object> serde = Map.of(
                "schema.registry.url",
                stack.schemaRegistryUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE,
                EnrichedEvent.class);
        AvroDeserializer<EnrichedEvent> values = new AvroDeserializer<>();
        values.configure(serde, false);
        List<EnrichedEvent> out = new ArrayList<>(expected);
        try (KafkaConsumer<String, EnrichedEvent> c = new KafkaConsumer<>(cfg, new StringDeserializer(), values)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, EnrichedEvent> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        if (out.size() < expected) {
            throw new IllegalStateException(
                    "only " + out.size() + " of " + expected + " enriched events arrived on " + topic);
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static long heapAfterGcMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
