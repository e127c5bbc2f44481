package io.streamnlp.flink.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.core.testutils.ManuallyTriggeredScheduledExecutorService;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The swapper on a manual clock and a manually stepped loader thread, with real models in a real store. */
@Timeout(120)
class ModelSwapperTest {

    @TempDir
    Path temp;

    private final ManuallyTriggeredScheduledExecutorService loaderThread =
            new ManuallyTriggeredScheduledExecutorService();
    private final ManualClock clock = new ManualClock();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private ModelStore store;
    private ModelVersion v1;
    private ModelVersion v2;
    private ModelSwapper swapper;

    @BeforeEach
    void servingVersionOne() throws IOException {
        store = ModelStore.open(temp.resolve("registry"));
        v1 = SmallBundles.register(store, temp, 0.1f);
        v2 = SmallBundles.register(store, temp, 0.2f);
        store.setAlias(SmallBundles.MODEL, "champion", v1.version());
        JobConfig config = SmallBundles.followingChampion(store, Map.of());
        swapper = new ModelSwapper(
                new ModelLoader(config), v1.digest(), config.model(), failures::add, loaderThread, clock);
        swapper.startPolling();
    }

    @AfterEach
    void close() {
        swapper.close();
    }

    @Test
    void aMissedModelEventCostsAtMostOnePollInterval() {
        store.setAlias(SmallBundles.MODEL, "champion", v2.version());
        assertThat(swapper.takeReady()).isNull();

        poll();

        assertThat(readyVersion()).isEqualTo("2");
        assertThat(failures).isEmpty();
    }

    @Test
    void aVersionThatFailsIsTriedAgainAfterADoublingBackoffAndNotBefore() throws IOException {
        store.setAlias(SmallBundles.MODEL, "champion", v2.version());
        Path head = SmallBundles.head(store, v2);
        byte[] sound = Files.readAllBytes(head);
        Files.writeString(head, "damaged on disk");

        modelEvent();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).startsWith("cannot load model support:2 ").contains("next attempt in PT30S");

        clock.advanceTime(Duration.ofSeconds(29));
        modelEvent();
        poll();
        assertThat(failures).as("no attempt within the backoff").hasSize(1);

        clock.advanceTime(Duration.ofSeconds(1));
        retryDue();
        assertThat(failures).hasSize(2);
        assertThat(failures.get(1)).contains("next attempt in PT1M");

        Files.write(head, sound);
        clock.advanceTime(Duration.ofSeconds(59));
        modelEvent();
        assertThat(swapper.takeReady()).as("still backing off").isNull();

        clock.advanceTime(Duration.ofSeconds(1));
        retryDue();
        assertThat(readyVersion()).isEqualTo("2");
        assertThat(failures).hasSize(2);
    }

    @Test
    void aVersionThatFailedWhenTheSubtaskStartedWaitsForTheBackoffToo() {
        store.setAlias(SmallBundles.MODEL, "champion", v2.version());
        swapper.loadFailedElsewhere(v2.digest());
        loaderThread.triggerAll();

        modelEvent();
        assertThat(swapper.takeReady()).isNull();

        clock.advanceTime(Duration.ofSeconds(30));
        retryDue();
        assertThat(readyVersion()).isEqualTo("2");
    }

    private void modelEvent() {
        swapper.requestCheck();
        loaderThread.triggerAll();
    }

    private void poll() {
        loaderThread.triggerPeriodicScheduledTasks();
        loaderThread.triggerAll();
    }

    /** Runs the retries that were scheduled, as the loader thread would once their delay passed. */
    private void retryDue() {
        loaderThread.triggerNonPeriodicScheduledTasks();
        loaderThread.triggerAll();
    }

    private String readyVersion() {
        try (ServedModel ready = swapper.takeReady()) {
            assertThat(ready).as("a model ready to serve").isNotNull();
            return ready.ref().getVersion();
        }
    }
}
