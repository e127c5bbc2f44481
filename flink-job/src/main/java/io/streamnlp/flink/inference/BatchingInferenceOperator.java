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
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.api.common.operators.MailboxExecutor;
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
 * <p>The encoder pass runs on the subtask's model thread ({@link InFlightPasses}), so that the task thread
 * tokenizes arrivals and builds the records of one batch while the model computes the next; a finished pass
 * wakes the task thread through its mailbox. At most {@value #MAX_IN_FLIGHT} passes are in flight (one running,
 * one queued behind it), so a slow model still backpressures the Kafka source instead of growing a queue. Every
 * waiting event is run, and every pass in flight awaited, before each checkpoint barrier: nothing is in flight at
 * a checkpoint, the operator needs no state, and exactly-once holds with the transactional sink. Output order
 * equals input order within a subtask ({@link ArrivalOrder}; Kafka partition order is kept when parallelism
 * matches partitions).
 */
public class BatchingInferenceOperator extends AbstractStreamOperator<EnrichedEvent>
        implements OneInputStreamOperator<PendingEvent, EnrichedEvent> {
    private static final long serialVersionUID = 1L;

    /** Events the model failed on, or whose enriched record is too large to write: dead-lettered, never dropped. */
    public static final OutputTag<DeadLetter> INFERENCE_FAILURES = new OutputTag<>("inference-failures") {};

    /** Drift reports of the windows that closed. */
    public static final OutputTag<DriftReport> DRIFT_REPORTS =
            new OutputTag<>("drift-reports", new AvroTypeInfo<>(DriftReport.class));

    /** One pass running and one queued behind it: the model never waits for the task thread between batches. */
    static final int MAX_IN_FLIGHT = 2;

    protected final JobConfig config;
    private final EnricherFactory enricherFactory;

    protected transient Enricher enricher;
    private transient TokenBudgetBatcher<QueuedEvent> batcher;
    private transient ArrivalOrder<EnrichedEvent> order;
    private transient long timerAt;
    private transient Map<DeadLetterReason, Counter> deadLetters;
    private transient InFlightPasses passes;
    private transient MailboxExecutor mailbox;

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
        mailbox = getContainingTask()
                .getMailboxExecutorFactory()
                .createExecutor(getOperatorConfig().getChainIndex());
        passes = new InFlightPasses(
                "model-" + getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(), MAX_IN_FLIGHT);
        enricher = enricherFactory.create(
                config, initialModel(), getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), getMetricGroup());
    }

    /** The model the subtask starts with: what the configuration names now. */
    protected ServedModel initialModel() throws Exception {
        return new ModelLoader(config, intraOpThreads()).load();
    }

    /** ONNX Runtime threads per model of this subtask: configured, or this TaskManager's cores over its slots. */
    protected int intraOpThreads() {
        return IntraOpThreads.forTaskManager(
                config.intraOpThreads(),
                getContainingTask().getEnvironment().getTaskManagerInfo().getConfiguration());
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
        while (!batcher.offer(queued, budgetedTokens(queued.tokens().tokenCount(), config.batch()), now)) {
            run(batcher.takeFull());
        }
        run(batcher.flushDue(now));
        scheduleDeadline();
    }

    /**
     * The tokens a text of {@code tokens} takes of a batch's budget: its own, or the whole budget for a long text
     * ({@code batch.long-text-tokens}), which so forms a batch of its own that is full at once. A long text then
     * costs one pass of its own length instead of padding up to {@code batch.max-size} others to it, which bounds
     * what it adds to the latency of the events queued behind it; batching buys little on a CPU at such lengths.
     */
    public static int budgetedTokens(int tokens, JobConfig.Batch batch) {
        return tokens >= batch.longTextTokens() ? Math.max(tokens, batch.maxTokens()) : tokens;
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
            if (passes != null) {
                passes.close();
            }
        } finally {
            try {
                if (enricher != null) {
                    enricher.close();
                }
            } finally {
                super.close();
            }
        }
    }

    /**
     * Runs every waiting event, whether its batch is full or not, and waits for every pass in flight (a barrier, the
     * end of input, a model swap): afterwards nothing is held.
     */
    protected void runAll() {
        run(batcher.flushAll());
        while (!passes.isEmpty()) {
            complete(passes.awaitOldest());
        }
        emitInOrder();
    }

    /** Starts the batches' passes, waiting for the oldest pass in flight whenever the model thread is full. */
    private void run(List<Batch<QueuedEvent>> batches) {
        for (Batch<QueuedEvent> batch : batches) {
            while (!passes.hasRoom()) {
                complete(passes.awaitOldest());
            }
            passes.submit(batch, enricher::infer, this::wakeWhenFinished);
        }
        completeFinished();
    }

    /** Called on the model thread: the task thread builds the records of the finished pass from its mailbox. */
    private void wakeWhenFinished() {
        try {
            mailbox.execute(this::completeFinished, "records of a finished encoder pass");
        } catch (RejectedExecutionException e) {
            // the task is ending: finish() or close() deal with what is still in flight
        }
    }

    private void completeFinished() {
        for (InFlightPasses.Finished finished : passes.takeFinished()) {
            complete(finished);
        }
        emitInOrder();
    }

    private void complete(InFlightPasses.Finished finished) {
        Batch<QueuedEvent> batch = finished.batch();
        Enricher.Outcome outcome = enricher.complete(finished.pass());
        for (int k = 0; k < batch.size(); k++) {
            order.complete(batch.items().get(k).seq(), outcome.enriched().get(k));
        }
        outcome.failed().forEach(this::deadLetter);
        for (DriftReport r : outcome.driftReports()) {
            output.collect(DRIFT_REPORTS, new StreamRecord<>(r));
        }
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
