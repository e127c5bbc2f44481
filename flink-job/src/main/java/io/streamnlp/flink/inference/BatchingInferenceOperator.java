package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Micro-batches valid events onto the model. Events are buffered until the buffer holds
 * {@code batch.buffer-capacity} events or the oldest has waited {@code batch.max-delay-ms}; the
 * {@link Enricher} then splits the buffer into token-budget batches, one encoder pass each.
 *
 * <p>Inference runs synchronously on the task thread, so a slow model backpressures the Kafka
 * source instead of growing a queue, and the buffer is flushed before every checkpoint barrier:
 * nothing is in flight at a checkpoint, the operator needs no state, and exactly-once holds with
 * the transactional sink. Output order equals input order within a subtask (Kafka partition order
 * is kept when parallelism matches partitions).
 */
public class BatchingInferenceOperator extends AbstractStreamOperator<EnrichedEvent>
        implements OneInputStreamOperator<PendingEvent, EnrichedEvent> {
    private static final long serialVersionUID = 1L;

    /** Events the model failed on, or whose enriched record is too large to write: dead-lettered, never dropped. */
    public static final OutputTag<DeadLetter> INFERENCE_FAILURES = new OutputTag<>("inference-failures") {};

    /** Drift reports of the windows that closed. */
    public static final OutputTag<DriftReport> DRIFT_REPORTS = new OutputTag<>("drift-reports", new AvroTypeInfo<>(DriftReport.class));

    protected final JobConfig config;
    private final EnricherFactory enricherFactory;

    protected transient Enricher enricher;
    private transient List<PendingEvent> buffer;
    private transient boolean flushScheduled;
    private transient Map<DeadLetterReason, Counter> deadLetters;

    public BatchingInferenceOperator(JobConfig config, EnricherFactory enricherFactory) {
        this.config = config;
        this.enricherFactory = enricherFactory;
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new ArrayList<>(config.batch().bufferCapacity());
        deadLetters = EnrichmentMetrics.deadLetterCounters(getMetricGroup());
        enricher = enricherFactory.create(config, initialModel(), getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), getMetricGroup());
    }

    /** The model the subtask starts with: what the configuration names now. */
    protected ServedModel initialModel() throws Exception {
        return new ModelLoader(config).load();
    }

    @Override
    public void processElement(StreamRecord<PendingEvent> element) throws Exception {
        buffer.add(element.getValue());
        if (buffer.size() >= config.batch().bufferCapacity() || config.batch().maxDelayMs() == 0) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            long due = getProcessingTimeService().getCurrentProcessingTime() + config.batch().maxDelayMs();
            getProcessingTimeService().registerTimer(due, time -> {
                flushScheduled = false;
                flush();
            });
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
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

    /** Runs the buffered events through the model and emits them in arrival order. */
    protected void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        Enricher.Outcome outcome = enricher.enrich(buffer);
        for (EnrichedEvent e : outcome.enriched()) {
            output.collect(new StreamRecord<>(e));
        }
        for (DeadLetter d : outcome.failed()) {
            deadLetters.get(d.getReason()).inc();
            output.collect(INFERENCE_FAILURES, new StreamRecord<>(d));
        }
        for (DriftReport r : outcome.driftReports()) {
            output.collect(DRIFT_REPORTS, new StreamRecord<>(r));
        }
        buffer.clear();
    }
}
