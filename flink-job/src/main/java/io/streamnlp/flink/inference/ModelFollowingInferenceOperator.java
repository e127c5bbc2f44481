package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The inference operator of a job that follows a model registry: its second input is the
 * broadcast stream of model events. An event about the followed model triggers a check; a new
 * version is loaded and warmed in the background and swapped in between two batches, so every
 * enriched record names exactly the version that produced it and nothing is lost or repeated.
 * The registry, not the event, is the source of truth, so replayed or reordered events are harmless.
 */
public final class ModelFollowingInferenceOperator extends BatchingInferenceOperator
        implements TwoInputStreamOperator<PendingEvent, ModelEvent, EnrichedEvent> {
    private static final long serialVersionUID = 1L;
    private static final long IDLE_CHECK_INTERVAL_MS = 1_000;

    private transient ModelSwapper swapper;
    private transient String modelName;
    private transient Counter swaps;
    private transient Counter loadFailures;

    public ModelFollowingInferenceOperator(JobConfig config, EnricherFactory enricherFactory) {
        super(config, enricherFactory);
    }

    @Override
    public void open() throws Exception {
        super.open();
        ModelLoader loader = new ModelLoader(config);
        modelName = loader.modelName();
        swaps = EnrichmentMetrics.counter(getMetricGroup(), "model_swaps");
        loadFailures = EnrichmentMetrics.counter(getMetricGroup(), "model_load_failures");
        swapper = new ModelSwapper(loader, enricher.model().ref().getDigest(), reason -> loadFailures.inc());
        scheduleIdleSwap();
    }

    @Override
    public void processElement1(StreamRecord<PendingEvent> element) throws Exception {
        processElement(element);
    }

    @Override
    public void processElement2(StreamRecord<ModelEvent> element) {
        if (element.getValue().getModelName().equals(modelName)) {
            swapper.requestCheck();
        }
    }

    @Override
    protected void flush() {
        swapIfReady();
        super.flush();
    }

    /** Swaps on a timer too, so that a new model also takes over while no traffic flows. */
    private void scheduleIdleSwap() {
        long next = getProcessingTimeService().getCurrentProcessingTime() + IDLE_CHECK_INTERVAL_MS;
        getProcessingTimeService().registerTimer(next, time -> {
            swapIfReady();
            scheduleIdleSwap();
        });
    }

    private void swapIfReady() {
        ServedModel next = swapper.takeReady();
        if (next == null) {
            return;
        }
        ServedModel previous = enricher.serve(next);
        swaps.inc();
        LOG.info("now serving model {} (was {})", next.label(), previous.label());
        previous.close();
    }

    @Override
    public void close() throws Exception {
        try {
            if (swapper != null) {
                swapper.close();
            }
        } finally {
            super.close();
        }
    }
}
