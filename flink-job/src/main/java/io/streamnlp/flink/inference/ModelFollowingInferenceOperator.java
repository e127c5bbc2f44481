package io.streamnlp.flink.inference;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.ModelRef;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The inference operator of a job that follows a model registry: its second input is the
 * broadcast stream of model events. An event about the followed model triggers a check, and so
 * does every {@code model.poll-interval}; a new version is loaded and warmed in the background and
 * swapped in between two batches (the events waiting for a batch run on the old version first), so every enriched record names exactly the version that produced
 * it and nothing is lost or repeated. The registry, not the event, is the source of truth, so
 * replayed, reordered or missed events are harmless.
 *
 * <p>The version served is checkpointed (union list state: every subtask sees what all served), so
 * that a restart whose alias target cannot be loaded serves the last version that worked instead
 * of failing; see {@link ModelStartup}.
 */
public final class ModelFollowingInferenceOperator extends BatchingInferenceOperator
        implements TwoInputStreamOperator<PendingEvent, ModelEvent, EnrichedEvent> {
    private static final long serialVersionUID = 1L;
    private static final long IDLE_CHECK_INTERVAL_MS = 1_000;
    private static final ListStateDescriptor<ModelRef> SERVED_MODEL =
            new ListStateDescriptor<>("served-model", new AvroTypeInfo<>(ModelRef.class));

    private transient ListState<ModelRef> servedModel;
    private transient List<ModelRef> servedBeforeRestart;
    private transient ModelLoader loader;
    private transient ModelStartup.Outcome startup;
    private transient ModelSwapper swapper;
    private transient String modelName;
    private transient Counter swaps;
    private transient Counter loadFailures;

    public ModelFollowingInferenceOperator(JobConfig config, EnricherFactory enricherFactory) {
        super(config, enricherFactory);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        servedModel = context.getOperatorStateStore().getUnionListState(SERVED_MODEL);
        servedBeforeRestart = new ArrayList<>();
        if (context.isRestored()) {
            servedModel.get().forEach(servedBeforeRestart::add);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        servedModel.update(List.of(enricher.model().ref()));
    }

    @Override
    public void open() throws Exception {
        loader = new ModelLoader(config, intraOpThreads());
        modelName = loader.modelName();
        swaps = EnrichmentMetrics.counter(getMetricGroup(), "model_swaps");
        loadFailures = EnrichmentMetrics.counter(getMetricGroup(), "model_load_failures");
        super.open();
        swapper = ModelSwapper.start(
                loader, enricher.model().ref().getDigest(), config.model(), reason -> loadFailures.inc());
        if (startup.failedTargetDigest() != null) {
            swapper.loadFailedElsewhere(startup.failedTargetDigest());
        }
        scheduleIdleSwap();
    }

    /** The alias target if it loads, else the last version served before the restart. */
    @Override
    protected ServedModel initialModel() throws Exception {
        startup = new ModelStartup(loader, config.model(), loadFailures::inc).load(servedBeforeRestart);
        return startup.model();
    }

    /** A new version takes over from the next arrival: it is tokenized for the new version. */
    @Override
    public void processElement1(StreamRecord<PendingEvent> element) throws Exception {
        swapIfReady();
        processElement(element);
    }

    @Override
    public void processElement2(StreamRecord<ModelEvent> element) {
        if (element.getValue().getModelName().equals(modelName)) {
            swapper.requestCheck();
        }
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
        // null when open() failed: nothing is served, there is nothing to swap
        ServedModel next = swapper == null ? null : swapper.takeReady();
        if (next == null) {
            return;
        }
        // the waiting events were tokenized for the old version, which runs them: every batch has one version
        runAll();
        ServedModel previous = enricher.serve(next);
        swaps.inc();
        LOG.info("now serving model {} (was {})", next.label(), previous.label());
        previous.close();
    }

    /** Versions that failed to load since the subtask started: the {@code model_load_failures} metric. */
    long modelLoadFailures() {
        return loadFailures.getCount();
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
