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
import java.util.ArrayList;
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
        ServedModel serving = model;
        NlpPipeline pipeline = serving.pipeline();
        int[] tokens = new int[events.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = Math.max(1, pipeline.tokenCount(events.get(i).event.getText()));
        }
        EnrichedEvent[] enriched = new EnrichedEvent[events.size()];
        List<DeadLetter> failed = new ArrayList<>();
        List<DriftReport> driftReports = new ArrayList<>();
        TokenBudgetBatcher<Integer> batcher = new TokenBudgetBatcher<>(batching);
        for (int i = 0; i < tokens.length; i++) {
            batcher.offer(i, tokens[i], 0);
        }
        for (Batch<Integer> planned : batcher.flushAll()) {
            int[] batch = planned.items().stream().mapToInt(Integer::intValue).toArray();
            List<String> texts = new ArrayList<>(batch.length);
            for (int i : batch) {
                texts.add(events.get(i).event.getText());
            }
            EnrichedEventMapper.BatchInfo info = new EnrichedEventMapper.BatchInfo(batchIdPrefix + (batchSeq++), batch.length);
            long start = System.nanoTime();
            List<NlpResult> results;
            try {
                results = pipeline.predict(texts);
            } catch (RuntimeException e) {
                LOG.error("model {} failed on batch {}; its {} events go to the dead-letter topic", serving.label(), info.id(), batch.length, e);
                inferenceFailures.inc(batch.length);
                for (int i : batch) {
                    failed.add(DeadLetters.of(events.get(i).source, DeadLetterReason.INFERENCE_FAILED,
                            "model " + serving.label() + " failed: " + e));
                }
                continue;
            }
            long now = System.currentTimeMillis();
            inferenceLatency.update((System.nanoTime() - start) / 1_000_000);
            if (drift != null) {
                for (DriftReport r : drift.observe(serving.ref(), serving.reference(), results, now)) {
                    driftGauges.update(r);
                    driftReports.add(r);
                }
            }
            batchSize.update(batch.length);
            batchTokens.update(planned.paddedTokens());
            for (int k = 0; k < batch.length; k++) {
                PendingEvent p = events.get(batch[k]);
                enriched[batch[k]] = mapper.map(p.event, results.get(k), serving.ref(), info, p.source.readAtMillis, now);
                endToEndLatency.update(now - p.source.readAtMillis);
            }
        }
        List<EnrichedEvent> out = new ArrayList<>(events.size());
        for (EnrichedEvent e : enriched) {
            if (e != null) {
                out.add(e);
            }
        }
        recordsOut.inc(out.size());
        return new Outcome(out, failed, driftReports);
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
