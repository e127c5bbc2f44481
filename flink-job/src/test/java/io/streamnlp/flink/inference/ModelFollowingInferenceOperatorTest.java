package io.streamnlp.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.avro.TextEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The served version survives a restart in operator state, with Flink's operator test harness and real models. */
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
        config = SmallBundles.followingChampion(store, Map.of(
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

    private TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> harness() throws Exception {
        return new TwoInputStreamOperatorTestHarness<>(new ModelFollowingInferenceOperator(config, PipelineEnricher::new));
    }

    /** Enriches one event and returns the model version the enriched record names. */
    private static String versionServing(TwoInputStreamOperatorTestHarness<PendingEvent, ModelEvent, EnrichedEvent> harness, String id)
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
        assertThat(harness.extractOutputValues()).hasSize(1);
        return harness.extractOutputValues().get(0).getClassifications().get(0).getModel().getVersion();
    }
}
