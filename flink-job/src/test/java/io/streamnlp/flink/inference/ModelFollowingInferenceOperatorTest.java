package io.streamnlp.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.ModelEventType;
import io.streamnlp.schemas.avro.TextEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following the registry with Flink's operator test harness and real models: swaps between batches, a version that
 * fails to load, and the served version surviving a restart in operator state.
 */
@Timeout(120)
class ModelFollowingInferenceOperatorTest {

    @TempDir
    Path temp;

    private ModelStore store;
    private JobConfig config;

    @BeforeEach
    void championIsVersionOne() throws IOException {
        store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = SmallBundles.register(store, temp, 0.1f);
        store.setAlias(SmallBundles.MODEL, "champion", v1.version());
        config = SmallBundles.followingChampion(
                store,
                Map.of(
                        "batch.max-delay-ms", "0",
                        "model.retry-backoff", "10ms",
                        "model.load-attempts", "2"));
    }

    @Test
    void aRestartServesTheVersionServedBeforeWhenTheChampionCannotLoad() throws Exception {
        OperatorSubtaskState servedOne;
        try (TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> first = harness()) {
            first.open();
            assertThat(versionServing(first, "before")).isEqualTo("1");
            servedOne = first.snapshot(1, 1);
        }
        ModelVersion broken = SmallBundles.registerUnloadable(store, temp);
        store.forceAlias(SmallBundles.MODEL, "champion", broken.version());

        OperatorSubtaskState stillOne;
        try (TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> restarted = harness()) {
            restarted.initializeState(servedOne);
            restarted.open();
            assertThat(versionServing(restarted, "after the restart")).isEqualTo("1");
            stillOne = restarted.snapshot(2, 2);
        }

        try (TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> restartedAgain = harness()) {
            restartedAgain.initializeState(stillOne);
            restartedAgain.open();
            assertThat(versionServing(restartedAgain, "after a second restart")).isEqualTo("1");
        }
    }

    @Test
    void aFirstStartWithAChampionThatCannotLoadFailsAfterItsAttempts() throws Exception {
        ModelVersion broken = SmallBundles.registerUnloadable(store, temp);
        store.forceAlias(SmallBundles.MODEL, "champion", broken.version());

        try (TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> fresh = harness()) {
            fresh.initializeEmptyState();
            assertThatThrownBy(fresh::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot load model support:2 ")
                    .hasMessageEndingWith("and no version was served before to fall back to (2 attempts)");
        }
    }

    @Test
    void aNewVersionTakesOverBetweenBatchesAndTheWaitingEventsRunOnTheOldOne() throws Exception {
        ModelFollowingInferenceOperator operator =
                new ModelFollowingInferenceOperator(batching(), PipelineEnricher::new);
        try (TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> h =
                new TwoInputStreamOperatorTestHarness<>(operator)) {
            h.setProcessingTime(0);
            h.open();
            h.processElement1(BatchingInferenceOperatorTest.event("waiting-0", "My parcel has not arrived."));
            ModelVersion v2 = SmallBundles.register(store, temp, 0.2f);
            store.setAlias(SmallBundles.MODEL, "champion", v2.version());
            h.processElement2(new StreamRecord<>(championMoved(v2)));

            // the swap happens on the operator's idle timer once the loader thread has v2 ready
            awaitIdleTimers(h, () -> !h.extractOutputValues().isEmpty());
            assertThat(versions(h)).containsExactly("1");

            h.processElement1(BatchingInferenceOperatorTest.event("after-1", "My parcel has not arrived."));
            h.processElement1(BatchingInferenceOperatorTest.event("after-2", "My parcel has not arrived."));
            Harnesses.awaitOutput(h, 3);
            assertThat(versions(h)).containsExactly("1", "2", "2");
            assertThat(operator.modelLoadFailures()).isZero();
        }
    }

    @Test
    void aVersionThatFailsToLoadLeavesTheOldOneServing() throws Exception {
        ModelFollowingInferenceOperator operator =
                new ModelFollowingInferenceOperator(batching(), PipelineEnricher::new);
        try (TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> h =
                new TwoInputStreamOperatorTestHarness<>(operator)) {
            h.setProcessingTime(0);
            h.open();
            ModelVersion broken = SmallBundles.registerUnloadable(store, temp);
            store.forceAlias(SmallBundles.MODEL, "champion", broken.version());
            h.processElement2(new StreamRecord<>(championMoved(broken)));

            awaitIdleTimers(h, () -> operator.modelLoadFailures() == 1);
            h.processElement1(BatchingInferenceOperatorTest.event("e-0", "My parcel has not arrived."));
            h.processElement1(BatchingInferenceOperatorTest.event("e-1", "My parcel has not arrived."));

            Harnesses.awaitOutput(h, 2);
            assertThat(versions(h)).containsExactly("1", "1");
        }
    }

    /** Batches of two that wait a minute to fill, so that only a swap or a full batch runs them. */
    private JobConfig batching() {
        return SmallBundles.followingChampion(
                store,
                Map.of(
                        "batch.max-size", "2",
                        "batch.max-delay-ms", "60000",
                        "model.retry-backoff", "5m",
                        "model.load-attempts", "1"));
    }

    private static ModelEvent championMoved(ModelVersion to) {
        return ModelEvent.newBuilder()
                .setType(ModelEventType.ALIAS_SET)
                .setModelName(SmallBundles.MODEL)
                .setAlias("champion")
                .setVersion(String.valueOf(to.version()))
                .setDigest(to.digest())
                .setTasks(List.of("classification"))
                .setAt(Instant.now())
                .build();
    }

    /**
     * Advances the harness clock a second at a time (the operator's idle check interval) until {@code done} holds,
     * for at most a minute of wall-clock time: the model loader runs on its own thread.
     */
    private static void awaitIdleTimers(
            TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> h, BooleanSupplier done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long now = h.getProcessingTime();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("the loader thread within a minute")
                    .isLessThan(deadline);
            Thread.sleep(20);
            now += 1_000;
            h.setProcessingTime(now);
        }
    }

    private static List<String> versions(TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> h) {
        return h.extractOutputValues().stream()
                .map(e -> e.getClassifications().get(0).getModel().getVersion())
                .toList();
    }

    private TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> harness() throws Exception {
        return new TwoInputStreamOperatorTestHarness<>(
                new ModelFollowingInferenceOperator(config, PipelineEnricher::new));
    }

    /** Enriches one event and returns the model version the enriched record names. */
    private static String versionServing(
            TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> harness, String id)
            throws Exception {
        harness.getOutput().clear();
        TextEvent event = TextEvent.newBuilder()
                .setId(id)
                .setTenant("acme")
                .setSource("email")
                .setText("My parcel has not arrived.")
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setAttributes(Map.of())
                .build();
        harness.processElement1(new PendingEvent(event, new RawRecord(null, new byte[0], "in", 0, 0, 0, 0)), 0);
        assertThat(Harnesses.awaitOutput(harness, 1)).hasSize(1);
        return harness.extractOutputValues()
                .get(0)
                .getClassifications()
                .get(0)
                .getModel()
                .getVersion();
    }
}
