package io.streamnlp.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.streamnlp.training.heads.ProgressBar;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
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

    /**
     * @param events events of the backlog (throughput and soak) run
     * @param limitEvents texts of the bare inference limit, taken from the start of the corpus
     */
    record Settings(int events, int naiveEvents, int limitEvents, Duration latencyRun, long seed) {}

    /** What the backlog run measured: heap after GC at its first, middle and last enriched event; p99 per tenth. */
    record Backlog(double tps, long heapStartMb, long heapMiddleMb, long heapEndMb, long[] p99MsByTenth) {}

    /** Traffic the latency run sends before it counts; its job starts with it. */
    static final Duration LATENCY_WARM_UP = Duration.ofSeconds(3);

    /** How long the output may stay silent before a run is declared stuck; a run as such has no time limit. */
    private static final Duration OUTPUT_IDLE_TIMEOUT = Duration.ofMinutes(2);

    private final LocalStack stack;
    private final Path bundleDir;
    private final Map<String, String> jobDefaults;
    private final InferenceOptions options;
    private final ProgressBar progress;

    PipelineBenchmark(
            LocalStack stack,
            Path bundleDir,
            Map<String, String> jobDefaults,
            InferenceOptions options,
            ProgressBar progress) {
        this.stack = stack;
        this.bundleDir = bundleDir;
        this.jobDefaults = jobDefaults;
        this.options = options;
        this.progress = progress;
    }

    /** {@code texts} is the corpus; runs longer than it cycle through it. */
    ObjectNode run(List<String> texts, Settings s) throws Exception {
        Backlog backlog = backlogRun(texts, s.events());
        double limitTps = inferenceLimit(texts.subList(0, Math.min(texts.size(), s.limitEvents())));
        double naiveTps = naive(texts.subList(0, Math.min(texts.size(), s.naiveEvents())));
        double offeredLoad = Math.max(1, backlog.tps() / 2);
        long[] latencies = latencyRun(texts, offeredLoad, s.latencyRun());

        ObjectNode n = JSON.createObjectNode();
        n.put("events", s.events());
        n.put("pipeline_tps", round(backlog.tps()));
        n.put("inference_limit_tps", round(limitTps));
        n.put("inference_limit_events", Math.min(texts.size(), s.limitEvents()));
        n.put("efficiency", round(backlog.tps() / limitTps));
        n.put("naive_tps", round(naiveTps));
        n.put("speedup_vs_naive", round(backlog.tps() / naiveTps));
        n.put("offered_load_tps", round(offeredLoad));
        n.put("p50_ms", percentile(latencies, 0.50));
        n.put("p99_ms", percentile(latencies, 0.99));
        n.put("latency_samples", latencies.length);
        n.put("latency_warm_up_events", warmUpEvents(offeredLoad));
        n.put("max_batch_delay_ms", JobConfig.of(config("x", Map.of())).batch().maxDelayMs());
        n.put("heap_after_gc_start_mb", backlog.heapStartMb());
        n.put("heap_after_gc_middle_mb", backlog.heapMiddleMb());
        n.put("heap_after_gc_end_mb", backlog.heapEndMb());
        ArrayNode tenths = n.putArray("backlog_p99_ms_by_tenth");
        for (long p99 : backlog.p99MsByTenth()) {
            tenths.add(p99);
        }
        n.put("device", options.device().toString());
        n.put("precision", options.precision().toString());
        n.put("threads", options.intraOpThreads());
        return n;
    }

    /**
     * All events produced first, then the job drains them: rate from the first read to the last enrichment. The
     * job's latency (read to enriched, {@code processing_latency_ms}) is kept per event for the p99 of every tenth
     * of the run, and the heap is measured after a full GC at the first, the middle and the last enriched event.
     */
    private Backlog backlogRun(List<String> corpus, int events) throws Exception {
        String name = "bench-throughput";
        createTopics(name);
        progress.message("bench pipeline: producing " + events + " events");
        produce(name + "-in", corpus, events, 0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();
        JobClient job = EnrichmentJob.start(env, JobConfig.of(config(name, Map.of())));
        long[] readAt = new long[events];
        long[] processedAt = new long[events];
        long[] latency = new long[events];
        long[] heap = new long[3];
        try {
            long start = System.nanoTime();
            progress.start("bench pipeline: backlog", events, "events");
            int[] seen = {0};
            readEach(name + "-out", events, e -> {
                int i = seen[0]++;
                processedAt[i] = e.getProcessedAt().toEpochMilli();
                latency[i] = e.getProcessingLatencyMs();
                readAt[i] = processedAt[i] - latency[i];
                if (i == 0) {
                    heap[0] = heapAfterGcMb();
                } else if (i == events / 2) {
                    heap[1] = heapAfterGcMb();
                }
                progress.advance(
                        i + 1,
                        String.format(Locale.ROOT, "%.1f events/s", (i + 1) / ((System.nanoTime() - start) / 1e9)));
            });
            heap[2] = heapAfterGcMb();
            progress.finish("heap after GC " + heap[0] + "/" + heap[1] + "/" + heap[2] + " MB");
        } finally {
            job.cancel().get();
        }
        long firstRead = Arrays.stream(readAt).min().orElseThrow();
        long lastDone = Arrays.stream(processedAt).max().orElseThrow();
        long[] p99ByTenth = new long[10];
        for (int t = 0; t < 10; t++) {
            long[] tenth = Arrays.copyOfRange(latency, t * events / 10, (t + 1) * events / 10);
            Arrays.sort(tenth);
            p99ByTenth[t] = percentile(tenth, 0.99);
        }
        return new Backlog(events * 1000.0 / Math.max(1, lastDone - firstRead), heap[0], heap[1], heap[2], p99ByTenth);
    }

    /**
     * The same bundle and batch plan without Kafka, Avro or Flink: the job's batcher limits and long-text rule, each
     * text tokenized once.
     */
    private double inferenceLimit(List<String> texts) {
        progress.message("bench pipeline: inference limit on " + texts.size() + " texts");
        try (NlpPipeline pipeline = NlpPipeline.load(bundleDir, options)) {
            pipeline.predict(texts.subList(0, Math.min(8, texts.size())));
            JobConfig.Batch job = JobConfig.of(config("x", Map.of())).batch();
            BatcherConfig batching = BatchingInferenceOperator.batcherConfig(job);
            long start = System.nanoTime();
            for (List<TokenizedText> batch : InferenceBenchmark.budgetBatches(
                    texts,
                    pipeline.encoder(),
                    batching,
                    t -> BatchingInferenceOperator.budgetedTokens(t.tokenCount(), job))) {
                pipeline.predictTokenized(batch);
            }
            return texts.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** One record at a time, one model per task: three encoder passes per record. */
    private double naive(List<String> texts) throws IOException {
        progress.message("bench pipeline: naive baseline on " + texts.size() + " texts");
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

    /**
     * A running job fed at a fixed rate; latency from the producer's timestamp to the enrichment. The first {@link
     * #LATENCY_WARM_UP} of traffic is enriched but not counted: those events wait for the freshly started job to
     * begin reading, which is its start-up time, not its latency under load.
     */
    private long[] latencyRun(List<String> corpus, double rate, Duration length) throws Exception {
        String name = "bench-latency";
        createTopics(name);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();
        JobClient job = EnrichmentJob.start(env, JobConfig.of(config(name, Map.of())));
        try {
            int warmUp = warmUpEvents(rate);
            int count = (int) Math.max(1, Math.round(rate * length.toSeconds()));
            progress.message(String.format(
                    Locale.ROOT,
                    "bench pipeline: latency run, %d events at %.1f events/s after %d to warm up",
                    count,
                    rate,
                    warmUp));
            produce(name + "-in", corpus, warmUp + count, rate);
            long[] latencies = new long[count];
            int[] seen = {0};
            readEach(name + "-out", warmUp + count, e -> {
                int i = seen[0]++;
                if (i >= warmUp) {
                    latencies[i - warmUp] = e.getProcessedAt().toEpochMilli()
                            - e.getEvent().getCreatedAt().toEpochMilli();
                }
            });
            Arrays.sort(latencies);
            return latencies;
        } finally {
            job.cancel().get();
        }
    }

    private static int warmUpEvents(double rate) {
        return (int) Math.max(1, Math.round(rate * LATENCY_WARM_UP.toSeconds()));
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

    /**
     * Produces {@code count} TextEvents, cycling through the corpus; {@code rate} events per second, or as fast as
     * possible when 0.
     */
    private void produce(String topic, List<String> corpus, int count, double rate) {
        Map<String, Object> cfg = new HashMap<>(stack.kafka().clientConfig());
        cfg.put("linger.ms", rate > 0 ? 0 : 20);
        try (AvroSerializer<TextEvent> values = new AvroSerializer<>();
                KafkaProducer<String, TextEvent> p = new KafkaProducer<>(cfg, new StringSerializer(), values)) {
            values.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
            long interval = rate > 0 ? (long) (1e9 / rate) : 0;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (interval > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    next += interval;
                }
                TextEvent e = TextEvent.newBuilder()
                        .setId("bench-" + i)
                        .setTenant("bench")
                        .setSource("bench")
                        .setText(corpus.get(i % corpus.size()))
                        .setCreatedAt(Instant.now())
                        .setAttributes(Map.of())
                        .build();
                p.send(new ProducerRecord<>(topic, e.getId(), e));
            }
            p.flush();
        }
    }

    /**
     * Hands each of the {@code expected} enriched events of a topic to {@code each}, in the order read. Fails when
     * the output stays silent for {@link #OUTPUT_IDLE_TIMEOUT} before all arrived.
     */
    private void readEach(String topic, int expected, Consumer<EnrichedEvent> each) {
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
        int read = 0;
        try (KafkaConsumer<String, EnrichedEvent> c = new KafkaConsumer<>(cfg, new StringDeserializer(), values)) {
            c.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (read < expected && System.nanoTime() - idleSince < OUTPUT_IDLE_TIMEOUT.toNanos()) {
                for (ConsumerRecord<String, EnrichedEvent> r : c.poll(Duration.ofMillis(200))) {
                    if (read < expected) {
                        each.accept(r.value());
                    }
                    read++;
                    idleSince = System.nanoTime();
                }
            }
        }
        if (read < expected) {
            throw new IllegalStateException("only " + read + " of " + expected + " enriched events arrived on " + topic
                    + " (nothing new for " + OUTPUT_IDLE_TIMEOUT.toSeconds() + " s)");
        }
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
