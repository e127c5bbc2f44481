package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.inference.batch.Batch;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.batch.TokenBudgetBatcher;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import java.util.List;
import java.util.Map;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Micro-batches valid events onto the model. Each event is tokenized once, on arrival, and waits with
 * its encoding in a {@link TokenBudgetBatcher}: events of similar length share a batch, padded only to
 * its longest text. A batch runs (one encoder pass, see {@link Enricher}) as soon as it is full by
 * {@code batch.max-size} or {@code batch.max-tokens}, or when its oldest event has waited
 * {@code batch.max-delay-ms} (a processing-time timer at the batcher's next deadline).
 *
 * <p>Inference runs synchronously on the task thread, so a slow model backpressures the Kafka
 * source instead of growing a queue, and every waiting event is run before each checkpoint barrier:
 * nothing is in flight at a checkpoint, the operator needs no state, and exactly-once holds with
 * the transactional sink. Output order equals input order within a subtask ({@link ArrivalOrder}; Kafka
 * partition order is kept when parallelism matches partitions).
 */
public class BatchingInferenceOperator extends AbstractStreamOperator<EnrichedEvent>
        implements OneInputStreamOperator<PendingEvent, EnrichedEvent> {
    private static final long serialVersionUID = 1L;

    /** Events the model failed on, or whose enriched record is too large to write: dead-lettered, never dropped. */
    public static final OutputTag<DeadLetter> INFERENCE_FAILURES = new OutputTag<>("inference-failures") {};

    /** Drift reports of the windows that closed. */
    public static final OutputTag<DriftReport> DRIFT_REPORTS =
            new OutputTag<>("drift-reports", new AvroTypeInfo<>(DriftReport.class));

    protected final JobConfig config;
    private final EnricherFactory enricherFactory;

    protected transient Enricher enricher;
    private transient TokenBudgetBatcher<QueuedEvent> batcher;
    private transient ArrivalOrder<EnrichedEvent> order;
    private transient long timerAt;
    private transient Map<DeadLetterReason, Counter> deadLetters;

    public BatchingInferenceOperator(JobConfig config, EnricherFactory enricherFactory) {
        this.config = config;
        this.enricherFactory = enricherFactory;
    }

    /**
     * The batcher limits of {@code batch.*}, over the default length buckets. {@code batch.buffer-capacity} is raised to
     * one full batch per bucket if lower, so that a full batcher always holds a batch to run.
     */
    public static BatcherConfig batcherConfig(JobConfig.Batch batch) {
        int[] buckets = BatcherConfig.defaults().bucketBounds();
        return new BatcherConfig(
                batch.maxTokens(),
                batch.maxSize(),
                batch.maxDelayMs(),
                Math.max(batch.bufferCapacity(), buckets.length * batch.maxSize()),
                buckets);
    }

    @Override
    public void open() throws Exception {
        super.open();
        batcher = new TokenBudgetBatcher<>(batcherConfig(config.batch()));
        order = new ArrivalOrder<>();
        timerAt = Long.MAX_VALUE;
        deadLetters = EnrichmentMetrics.deadLetterCounters(getMetricGroup());
        enricher = enricherFactory.create(
                config, initialModel(), getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), getMetricGroup());
    }

    /** The model the subtask starts with: what the configuration names now. */
    protected ServedModel initialModel() throws Exception {
        return new ModelLoader(config).load();
    }

    @Override
    public void processElement(StreamRecord<PendingEvent> element) throws Exception {
        PendingEvent event = element.getValue();
        long seq = order.arrive();
        Enricher.Admission admission = enricher.admit(event);
        if (admission.failed() != null) {
            deadLetter(admission.failed());
            order.complete(seq, null);
            emitInOrder();
            return;
        }
        QueuedEvent queued = new QueuedEvent(event, admission.tokens(), seq);
        long now = getProcessingTimeService().getCurrentProcessingTime();
        while (!batcher.offer(queued, queued.tokens().tokenCount(), now)) {
            run(batcher.takeFull());
        }
        run(batcher.flushDue(now));
        scheduleDeadline();
    }

    /** One timer at a time, at the batcher's next deadline; a timer that finds nothing due just schedules the next. */
    private void scheduleDeadline() {
        long deadline = batcher.nextDeadline();
        if (deadline >= timerAt) {
            return;
        }
        timerAt = deadline;
        getProcessingTimeService().registerTimer(deadline, time -> {
            timerAt = Long.MAX_VALUE;
            run(batcher.flushDue(time));
            scheduleDeadline();
        });
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        runAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        runAll();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            if (enricher != null) {
                enricher.close();
            }
        } finally {
            super.close();
        }
    }

    /** Runs every waiting event, whether its batch is full or not (a barrier, the end of input, a model swap). */
    protected void runAll() {
        run(batcher.flushAll());
    }

    private void run(List<Batch<QueuedEvent>> batches) {
        for (Batch<QueuedEvent> batch : batches) {
            Enricher.Outcome outcome = enricher.enrich(batch.items());
            for (int k = 0; k < batch.size(); k++) {
                order.complete(batch.items().get(k).seq(), outcome.enriched().get(k));
            }
            outcome.failed().forEach(this::deadLetter);
            for (DriftReport r : outcome.driftReports()) {
                output.collect(DRIFT_REPORTS, new StreamRecord<>(r));
            }
        }
        emitInOrder();
    }

    private void emitInOrder() {
        for (EnrichedEvent e : order.release()) {
            output.collect(new StreamRecord<>(e));
        }
    }

    private void deadLetter(DeadLetter d) {
        deadLetters.get(d.getReason()).inc();
        output.collect(INFERENCE_FAILURES, new StreamRecord<>(d));
    }
}
