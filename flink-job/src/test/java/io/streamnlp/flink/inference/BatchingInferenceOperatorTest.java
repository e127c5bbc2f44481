package io.streamnlp.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.TextEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** When batches run and what comes out, with Flink's operator test harness, its processing-time clock and a real model. */
@Timeout(120)
class BatchingInferenceOperatorTest {
    private static final String SHORT = "Where is my parcel?";
    private static final String LONG =
            "My parcel was due on Monday, the tracking page has shown no update since it left the depot, "
                    + "and nobody answers the phone number printed on the delivery note, so I would like a refund or a new parcel.";
    private static final String MARKER = "POISON-PILL";

    @TempDir
    Path temp;

    private ModelStore store;
    private OneInputStreamOperatorTestHarness<PendingEvent, EnrichedEvent> harness;

    @BeforeEach
    void championIsVersionOne() throws IOException {
        store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = SmallBundles.register(store, temp, 0.1f);
        store.setAlias(SmallBundles.MODEL, "champion", v1.version());
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void open(Map<String, String> batch, EnricherFactory enrichers) throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of("batch.max-delay-ms", "60000"));
        overrides.putAll(batch);
        JobConfig config = SmallBundles.followingChampion(store, overrides);
        harness = new OneInputStreamOperatorTestHarness<>(new BatchingInferenceOperator(config, enrichers));
        harness.setProcessingTime(0);
        harness.open();
    }

    @Test
    void aBatchRunsAsSoonAsItHoldsMaxSizeEvents() throws Exception {
        open(Map.of("batch.max-size", "4"), PipelineEnricher::new);
        for (int i = 0; i < 3; i++) {
            harness.processElement(event("e-" + i, SHORT));
        }
        assertThat(harness.extractOutputValues()).as("three of four").isEmpty();

        harness.processElement(event("e-3", SHORT));

        assertThat(ids(Harnesses.awaitOutput(harness, 4))).containsExactly("e-0", "e-1", "e-2", "e-3");
        assertThat(harness.extractOutputValues())
                .allSatisfy(e -> assertThat(e.getBatchSize()).isEqualTo(4));
        assertThat(harness.extractOutputValues())
                .extracting(EnrichedEvent::getBatchId)
                .containsOnly(harness.extractOutputValues().get(0).getBatchId());
    }

    @Test
    void aBatchThatDoesNotFillRunsWhenItsOldestEventHasWaitedMaxDelay() throws Exception {
        open(Map.of("batch.max-size", "8", "batch.max-delay-ms", "50"), PipelineEnricher::new);
        harness.processElement(event("e-0", SHORT));
        harness.setProcessingTime(20);
        harness.processElement(event("e-1", SHORT));

        harness.setProcessingTime(49);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(50);
        assertThat(ids(Harnesses.awaitOutput(harness, 2))).containsExactly("e-0", "e-1");
        assertThat(harness.extractOutputValues())
                .allSatisfy(e -> assertThat(e.getBatchSize()).isEqualTo(2));
    }

    @Test
    void everyWaitingEventRunsBeforeTheCheckpointBarrier() throws Exception {
        open(Map.of("batch.max-size", "8"), PipelineEnricher::new);
        harness.processElement(event("e-0", SHORT));
        harness.processElement(event("e-1", LONG));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.prepareSnapshotPreBarrier(1);

        assertThat(ids(harness.extractOutputValues())).containsExactly("e-0", "e-1");
        // the operator keeps no state: nothing is in flight once the barrier passes
        assertThat(harness.snapshot(1, 1).getManagedOperatorState()).isEmpty();
    }

    @Test
    void outputKeepsArrivalOrderThoughBatchesAreFormedByLength() throws Exception {
        open(Map.of("batch.max-size", "2"), PipelineEnricher::new);
        harness.processElement(event("long-0", LONG));
        harness.processElement(event("short-1", SHORT));
        harness.processElement(event("short-2", SHORT));
        assertThat(harness.extractOutputValues())
                .as("the short batch ran but waits behind long-0")
                .isEmpty();

        harness.processElement(event("long-3", LONG));

        List<EnrichedEvent> out = Harnesses.awaitOutput(harness, 4);
        assertThat(ids(out)).containsExactly("long-0", "short-1", "short-2", "long-3");
        assertThat(out.get(0).getBatchId())
                .isEqualTo(out.get(3).getBatchId())
                .isNotEqualTo(out.get(1).getBatchId());
        assertThat(out.get(1).getBatchId()).isEqualTo(out.get(2).getBatchId());
    }

    @Test
    void aFailingEventInABatchIsDeadLetteredAndTheOthersAreEnrichedInOrder() throws Exception {
        open(Map.of("batch.max-size", "4"), FaultyModels.throwingOn(MARKER));
        harness.processElement(event("e-0", SHORT));
        harness.processElement(event("e-1", "Where is " + MARKER + "?"));
        harness.processElement(event("e-2", SHORT));
        harness.processElement(event("e-3", SHORT));

        assertThat(ids(Harnesses.awaitOutput(harness, 3))).containsExactly("e-0", "e-2", "e-3");
        List<DeadLetter> dead = harness.getSideOutput(BatchingInferenceOperator.INFERENCE_FAILURES).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getReason()).isEqualTo(DeadLetterReason.INFERENCE_FAILED);
        assertThat(dead.get(0).getOffset()).isEqualTo(1);
        assertThat(dead.get(0).getMessage()).contains("injected failure on a text containing " + MARKER);
        assertThat(StandardCharsets.UTF_8.decode(dead.get(0).getValue()).toString())
                .isEqualTo("original bytes of e-1");
    }

    @Test
    void aLongTextRunsAloneAndAtOnce() throws Exception {
        open(Map.of("batch.max-size", "8", "batch.long-text-tokens", "24"), PipelineEnricher::new);
        harness.processElement(event("long-0", LONG));

        List<EnrichedEvent> out = Harnesses.awaitOutput(harness, 1);
        assertThat(ids(out)).containsExactly("long-0");
        assertThat(out.get(0).getBatchSize()).isEqualTo(1);

        harness.processElement(event("short-1", SHORT));
        harness.processElement(event("long-2", LONG + " Please call me back."));
        harness.processElement(event("short-3", SHORT));
        harness.prepareSnapshotPreBarrier(1);
        out = harness.extractOutputValues();
        assertThat(ids(out)).containsExactly("long-0", "short-1", "long-2", "short-3");
        assertThat(out.get(2).getBatchSize())
                .as("the second long text alone too")
                .isEqualTo(1);
        assertThat(out.get(1).getBatchSize())
                .as("the short ones wait for company")
                .isEqualTo(2);
    }

    @Test
    void longTextsShareABatchBelowTheThreshold() throws Exception {
        open(Map.of("batch.max-size", "8"), PipelineEnricher::new);
        harness.processElement(event("long-0", LONG));
        // as long as the first, so that both wait in the same length bucket
        harness.processElement(event("long-1", LONG.replace("Monday", "Friday")));
        assertThat(harness.extractOutputValues()).as("waiting for company").isEmpty();

        harness.prepareSnapshotPreBarrier(1);
        assertThat(harness.extractOutputValues())
                .allSatisfy(e -> assertThat(e.getBatchSize()).isEqualTo(2));
    }

    @Test
    void theModelRunsOnItsOwnThreadAndTheBarrierWaitsForEveryPassInFlight() throws Exception {
        BlockedPasses.reset();
        open(Map.of("batch.max-size", "2"), new BlockedPasses());
        for (int i = 0; i < 4; i++) {
            harness.processElement(event("e-" + i, SHORT));
        }
        // both batches were handed to the model thread, and the task thread came back without waiting for them
        assertThat(BlockedPasses.STARTED.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(BlockedPasses.THREADS).allSatisfy(name -> assertThat(name).startsWith("model-"));
        assertThat(harness.extractOutputValues()).isEmpty();

        BlockedPasses.RELEASE.countDown();
        harness.prepareSnapshotPreBarrier(1);

        assertThat(ids(harness.extractOutputValues())).containsExactly("e-0", "e-1", "e-2", "e-3");
        assertThat(BlockedPasses.THREADS).hasSize(2);
    }

    /** The job's own enricher whose passes wait for the test's go-ahead, noting the threads they ran on. */
    static final class BlockedPasses implements EnricherFactory {
        private static final long serialVersionUID = 1L;
        static final List<String> THREADS = new CopyOnWriteArrayList<>();
        static CountDownLatch STARTED;
        static CountDownLatch RELEASE;

        static void reset() {
            THREADS.clear();
            STARTED = new CountDownLatch(1);
            RELEASE = new CountDownLatch(1);
        }

        @Override
        public Enricher create(JobConfig config, ServedModel model, int subtaskIndex, MetricGroup metrics) {
            PipelineEnricher real = new PipelineEnricher(config, model, subtaskIndex, metrics);
            return new Enricher() {
                @Override
                public Admission admit(PendingEvent event) {
                    return real.admit(event);
                }

                @Override
                public Pass infer(List<QueuedEvent> batch) {
                    THREADS.add(Thread.currentThread().getName());
                    STARTED.countDown();
                    try {
                        if (!RELEASE.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never released the pass");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return real.infer(batch);
                }

                @Override
                public Outcome complete(Pass pass) {
                    return real.complete(pass);
                }

                @Override
                public ServedModel model() {
                    return real.model();
                }

                @Override
                public ServedModel serve(ServedModel next) {
                    return real.serve(next);
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }
    }

    static StreamRecord<PendingEvent> event(String id, String text) {
        TextEvent e = TextEvent.newBuilder()
                .setId(id)
                .setTenant("acme")
                .setSource("chat")
                .setText(text)
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setAttributes(Map.of())
                .build();
        long offset = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        byte[] value = ("original bytes of " + id).getBytes(StandardCharsets.UTF_8);
        return new StreamRecord<>(new PendingEvent(
                e, new RawRecord(id.getBytes(StandardCharsets.UTF_8), value, "in", 0, offset, 0L, 0L)));
    }

    static List<String> ids(List<EnrichedEvent> events) {
        return events.stream().map(e -> e.getEvent().getId()).toList();
    }
}
