package io.streamnlp.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.localstack.ListeningSockets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop on the embedded stack the demo runs (real broker, Apicurio, Flink MiniCluster,
 * Kafka Streams trigger, retraining job): stationary traffic raises no retrain request; a new
 * issue type flooding in is flagged, retrained on the agents' feedback, promoted and swapped into
 * the running job, after which the model agrees with the agents more and drifts less.
 */
@Timeout(900)
class ClosedLoopTest {
    private static final int RATE = 30;

    @TempDir
    Path home;

    @Test
    void driftLeadsToARetrainedPromotedAndServedModel() throws Exception {
        AtomicBoolean drifting = new AtomicBoolean();
        LiveStats stats = new LiveStats();
        try (DemoStack demo = DemoStack.start(home, 18082, 0, step -> {})) {
            if (ListeningSockets.supported()) {
                assertEquals(
                        List.of(),
                        ListeningSockets.notLoopback(ProcessHandle.current()),
                        "the demo's broker, registry and Flink listen on 127.0.0.1 only");
            }
            TrafficProducer traffic = new TrafficProducer(
                    demo.stack().bootstrapServers(), demo.stack().schemaRegistryUrl(), RATE, drifting::get);
            TopicReader reader = new TopicReader(
                    demo.stack().bootstrapServers(), demo.stack().schemaRegistryUrl(), stats, traffic::takeCategory);
            Thread producer = new Thread(traffic, "test-traffic");
            Thread consumer = new Thread(reader, "test-reader");
            demo.stopOnClose(() -> {
                traffic.close();
                reader.close();
                producer.join(5_000);
                consumer.join(5_000);
            });
            producer.start();
            consumer.start();

            await("four stationary drift windows", () -> stats.driftWindows() >= 4, Duration.ofMinutes(4));
            assertEquals(0, stats.retrainRequests(), "stationary traffic must not ask for a retrain");

            long producedBeforeShift = traffic.produced();
            drifting.set(true);
            // windows are counted from the one that holds the first shifted tickets
            await(
                    "the job through the stationary tickets",
                    () -> stats.processed() >= producedBeforeShift,
                    Duration.ofMinutes(3));
            long windowsAtShift = stats.driftWindows();
            await("a retrain request after the shift", () -> stats.retrainRequests() >= 1, Duration.ofMinutes(3));
            long windowsToDetect = stats.driftWindows() - windowsAtShift;
            assertTrue(windowsToDetect <= 3, "detected after " + windowsToDetect + " windows");

            await("the challenger promoted", () -> stats.promotions() >= 1, Duration.ofMinutes(5));
            await("the job serving default:2", () -> stats.servingVersion().equals("default:2"), Duration.ofMinutes(2));
            await("a drift window of default:2", () -> stats.maxJsDistance("default:2") != null, Duration.ofMinutes(2));

            assertTrue(
                    stats.accuracy("default:2") > stats.accuracy("default:1"),
                    "agreement with the agents: " + stats.accuracy("default:1") + " -> " + stats.accuracy("default:2"));
            assertTrue(
                    stats.maxJsDistance("default:2") < stats.maxJsDistance("default:1"),
                    "js distance: " + stats.maxJsDistance("default:1") + " -> " + stats.maxJsDistance("default:2"));
        }
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
