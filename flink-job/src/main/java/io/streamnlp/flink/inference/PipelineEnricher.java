package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.config.JobConfig.Task;
import io.streamnlp.flink.drift.DriftGauges;
import io.streamnlp.flink.drift.DriftMonitor;
import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.flink.validate.DeadLetters;
import io.streamnlp.inference.batch.Batch;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.batch.TokenBudgetBatcher;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.pipeline.NlpResult;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.flink.sink.AvroRecordSerializationSchema;
import io.streamnlp.flink.sink.OutputLimit;
import io.streamnlp.schemas.serde.AvroRecordSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches a buffer with the served model: the {@link TokenBudgetBatcher} groups events of
 * similar length into batches under the token and size budgets (padding only to each batch's
 * longest text), each batch gets one encoder pass for all tasks, and results go back in arrival order.
 *
 * <p>One bad event costs one event: token counting, inference and output mapping fail per event
 * (a failing batch is bisected), and an enriched record too large to write becomes an
 * OUTPUT_TOO_LARGE dead letter here, where the source record it must keep is known.
 */
public final class PipelineEnricher implements Enricher {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEnricher.class);

    private final JobConfig config;
    private final BatcherConfig batching;
    private final String batchIdPrefix;
    private final Counter recordsOut;
    private final Counter inferenceFailures;
    private final Histogram batchSize;
    private final Histogram batchTokens;
    private final Histogram inferenceLatency;
    private final Histogram endToEndLatency;

    private final DriftMonitor drift;
    private final DriftGauges driftGauges;
    private final OutputLimit outputLimit;
    /** Measures enriched records exactly as the sink's serializer will write them; never calls the registry. */
    private final AvroRecordSerializer<EnrichedEvent> sizer;

    private volatile ServedModel model;
    private EnrichedEventMapper mapper;
    private long batchSeq;

    public PipelineEnricher(JobConfig config, ServedModel model, int subtaskIndex, MetricGroup metrics) {
        this.config = config;
        int[] buckets = BatcherConfig.defaults().bucketBounds();
        // the batcher only plans a flushed buffer here, so it must hold the whole buffer
        this.batching = new BatcherConfig(config.batch().maxTokens(), config.batch().maxSize(), config.batch().maxDelayMs(),
                Math.max(config.batch().bufferCapacity(), buckets.length * config.batch().maxSize()), buckets);
        this.batchIdPrefix = config.jobName() + "-" + subtaskIndex + "-" + Long.toHexString(System.currentTimeMillis()) + "-";
        this.recordsOut = EnrichmentMetrics.counter(metrics, "records_enriched");
        this.inferenceFailures = EnrichmentMetrics.counter(metrics, "inference_failures");
        this.batchSize = EnrichmentMetrics.histogram(metrics, "batch_size");
        this.batchTokens = EnrichmentMetrics.histogram(metrics, "batch_tokens");
        this.inferenceLatency = EnrichmentMetrics.histogram(metrics, "inference_latency_ms");
        this.endToEndLatency = EnrichmentMetrics.histogram(metrics, "end_to_end_latency_ms");
        metrics.addGroup(EnrichmentMetrics.GROUP).gauge("model_version", () -> versionNumber(this.model));
        this.drift = config.drift().enabled() ? new DriftMonitor(config.drift().windowPolicy(), config.drift().driftThresholds()) : null;
        this.driftGauges = new DriftGauges(metrics.addGroup(EnrichmentMetrics.GROUP).addGroup("drift"));
        this.outputLimit = new OutputLimit(config.output());
        this.sizer = AvroRecordSerializer.fromConfig(config.registry().clientConfig(), false);
        serve(model);
    }

    @Override
    public ServedModel serve(ServedModel next) {
        ServedModel previous = this.model;
        this.model = next;
        this.mapper = new EnrichedEventMapper(servedTasks(next.pipeline()));
        return previous;
    }

    @Override
    public ServedModel model() {
        return model;
    }

    private Set<Task> servedTasks(NlpPipeline pipeline) {
        Set<Task> served = EnumSet.noneOf(Task.class);
        if (!pipeline.classifiers().isEmpty()) {
            served.add(Task.CLASSIFICATION);
        }
        if (pipeline.entities().isPresent()) {
            served.add(Task.NER);
        }
        if (pipeline.summarizer().isPresent()) {
            served.add(Task.SUMMARIZATION);
        }
        served.retainAll(config.tasks());
        return served;
    }

    @Override
    public Outcome enrich(List<PendingEvent> events) {
        Run run = new Run(model, events);
        int[] tokens = new int[events.size()];
        TokenBudgetBatcher<Integer> batcher = new TokenBudgetBatcher<>(batching);
        for (int i = 0; i < tokens.length; i++) {
            try {
                tokens[i] = Math.max(1, run.pipeline.tokenCount(events.get(i).event.getText()));
            } catch (RuntimeException e) {
                run.fail(i, "counting its tokens failed", e);
                continue;
            }
            batcher.offer(i, tokens[i], 0);
        }
        for (Batch<Integer> planned : batcher.flushAll()) {
            predictIsolated(run, planned.items().stream().mapToInt(Integer::intValue).toArray(), tokens, false);
        }
        List<EnrichedEvent> out = new ArrayList<>(events.size());
        for (EnrichedEvent e : run.enriched) {
            if (e != null) {
                out.add(e);
            }
        }
        recordsOut.inc(out.size());
        return new Outcome(out, run.failed, run.driftReports);
    }

    /**
     * One encoder pass over {@code batch} (indexes into the buffer). A batch that fails is split in halves and each
     * half retried, down to single events, so one bad event costs only itself; a single event that failed for lack
     * of memory (a transient failure) gets one more try on its own. Only events that still fail are dead-lettered.
     */
    private void predictIsolated(Run run, int[] batch, int[] tokens, boolean retriedAlone) {
        List<String> texts = new ArrayList<>(batch.length);
        for (int i : batch) {
            texts.add(run.events.get(i).event.getText());
        }
        long start = System.nanoTime();
        List<NlpResult> results;
        try {
            results = run.pipeline.predict(texts);
            if (results.size() != batch.length) {
                throw new IllegalStateException("the model returned " + results.size() + " results for " + batch.length + " texts");
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            if (batch.length > 1) {
                LOG.warn("model {} failed on a batch of {} events ({}); splitting it to isolate the failing ones",
                        run.serving.label(), batch.length, e.toString());
                int half = batch.length / 2;
                predictIsolated(run, Arrays.copyOfRange(batch, 0, half), tokens, false);
                predictIsolated(run, Arrays.copyOfRange(batch, half, batch.length), tokens, false);
            } else if (isTransient(e) && !retriedAlone) {
                LOG.warn("model {} ran out of memory on a single event; trying it once more", run.serving.label());
                predictIsolated(run, batch, tokens, true);
            } else {
                run.fail(batch[0], "the model failed", e);
            }
            return;
        }
        long now = System.currentTimeMillis();
        inferenceLatency.update((System.nanoTime() - start) / 1_000_000);
        batchSize.update(batch.length);
        int longest = 0;
        for (int i : batch) {
            longest = Math.max(longest, tokens[i]);
        }
        batchTokens.update((long) longest * batch.length);
        EnrichedEventMapper.BatchInfo info = new EnrichedEventMapper.BatchInfo(batchIdPrefix + (batchSeq++), batch.length);
        for (int k = 0; k < batch.length; k++) {
            emit(run, batch[k], results.get(k), info, now);
        }
        observeDrift(run, results, now);
    }

    /** Maps one result; a failure here, or an enriched record too large to write, costs only this event. */
    private void emit(Run run, int index, NlpResult result, EnrichedEventMapper.BatchInfo info, long now) {
        PendingEvent p = run.events.get(index);
        EnrichedEvent enriched;
        int size;
        try {
            enriched = mapper.map(p.event, result, run.serving.ref(), info, p.source.readAtMillis, now);
            size = OutputLimit.wireSize(AvroRecordSerializationSchema.enrichedKey(enriched), sizer.serializedSize(enriched));
        } catch (RuntimeException e) {
            run.fail(index, "mapping the model's output failed", e);
            return;
        }
        if (!outputLimit.fits(size)) {
            run.failed.add(outputLimit.tooLarge(p.source, "the enriched record", size));
            return;
        }
        run.enriched[index] = enriched;
        endToEndLatency.update(now - p.source.readAtMillis);
    }

    /** Drift is a side view of the outputs: a failure there is logged, and the events are still enriched. */
    private void observeDrift(Run run, List<NlpResult> results, long now) {
        if (drift == null) {
            return;
        }
        try {
            for (DriftReport r : drift.observe(run.serving.ref(), run.serving.reference(), results, now)) {
                driftGauges.update(r);
                run.driftReports.add(r);
            }
        } catch (RuntimeException e) {
            LOG.error("drift monitoring failed on a batch of model {}; its events are enriched regardless", run.serving.label(), e);
        }
    }

    /** Out of memory, in the JVM or in ONNX Runtime's allocator: a smaller batch may well succeed. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("failed to allocate")) {
                return true;
            }
        }
        return false;
    }

    /** One buffer's pass through the model: the version serving it and what came out, by buffer index. */
    private final class Run {
        final ServedModel serving;
        final NlpPipeline pipeline;
        final List<PendingEvent> events;
        final EnrichedEvent[] enriched;
        final List<DeadLetter> failed = new ArrayList<>();
        final List<DriftReport> driftReports = new ArrayList<>();

        Run(ServedModel serving, List<PendingEvent> events) {
            this.serving = serving;
            this.pipeline = serving.pipeline();
            this.events = events;
            this.enriched = new EnrichedEvent[events.size()];
        }

        void fail(int index, String what, Throwable e) {
            LOG.error("model {}: {} on event at {}-{}@{}; it goes to the dead-letter topic", serving.label(), what,
                    events.get(index).source.topic, events.get(index).source.partition, events.get(index).source.offset, e);
            inferenceFailures.inc();
            failed.add(DeadLetters.of(events.get(index).source, DeadLetterReason.INFERENCE_FAILED,
                    "model " + serving.label() + ": " + what + ": " + e));
        }
    }

    private static long versionNumber(ServedModel m) {
        if (m == null) {
            return -1;
        }
        try {
            return Long.parseLong(m.ref().getVersion());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        ServedModel m = model;
        if (m != null) {
            m.close();
        }
    }
}
