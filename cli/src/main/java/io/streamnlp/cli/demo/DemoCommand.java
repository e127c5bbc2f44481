package io.streamnlp.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.Json;
import io.streamnlp.cli.service.StopSignals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the main job on the embedded stack with generated support-ticket traffic. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run the whole product locally: broker, schema registry, Flink job, retrainer and sample traffic.",
        description = "Run StreamNLP on an embedded Kafka broker, schema registry and Flink MiniCluster, with generated"
                + " support-ticket traffic, a drift episode and simulated agent feedback.")
public final class DemoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = Json.MAPPER;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--duration",
            defaultValue = "60s",
            description = {
                "How long traffic runs, e.g. 60s, 2m (default ${DEFAULT-VALUE});",
                "up to 3 minutes more while a retrain it caused is still being decided or swapped in."
            })
    String duration;

    @Option(names = "--rate", defaultValue = "20", description = "Tickets per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--keep",
            description = "Leave the stack running after the traffic ends, print its addresses, stop on Ctrl-C.")
    boolean keep;

    @Option(
            names = "--home",
            description =
                    "Where the demo keeps its model registry (default: a fresh folder under $STREAMNLP_HOME/demo).")
    Path home;

    @Option(
            names = "--flink-ui-port",
            defaultValue = "8082",
            description = "First port to try for the Flink web UI (default ${DEFAULT-VALUE}).")
    int flinkUiPort;

    @Option(
            names = "--console-port",
            defaultValue = "8090",
            description = "Port of the web console, any free one when taken (default ${DEFAULT-VALUE}).")
    int consolePort;

    @Override
    public Integer call() throws Exception {
        Duration runFor = parseDuration(duration);
        if (rate < 1 || rate > 5000) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--rate must be between 1 and 5000, got " + rate);
        }
        Path demoHome = home != null ? home : DemoHome.fresh();
        PrintStream out = System.out;
        LiveStats stats = new LiveStats();
        CountDownLatch interrupted = StopSignals.install("demo");
        DemoStack demo =
                DemoStack.start(demoHome, flinkUiPort, consolePort, step -> System.err.println("demo: " + step));
        out.print(demo.addresses());
        try {
            long start = System.nanoTime();
            long driftFrom = runFor.toNanos() * 2 / 5;
            long driftTo = runFor.toNanos() * 4 / 5;
            TrafficProducer traffic = new TrafficProducer(
                    demo.stack().bootstrapServers(), demo.stack().schemaRegistryUrl(), rate, () -> {
                        long t = System.nanoTime() - start;
                        return t >= driftFrom && t < driftTo;
                    });
            TopicReader reader = new TopicReader(
                    demo.stack().bootstrapServers(), demo.stack().schemaRegistryUrl(), stats, traffic::takeCategory);
            Thread producerThread = daemon(traffic, "demo-traffic");
            Thread readerThread = daemon(reader, "demo-reader");
            demo.stopOnClose(() -> {
                traffic.close();
                reader.close();
                readerThread.join(5_000);
            });
            ConsoleView view = new ConsoleView(out);
            // traffic runs for --duration, and on (bounded) while a retrain it caused is still in flight,
            // so that the promotion and the swap are part of the run
            long overtime = TimeUnit.MINUTES.toNanos(3);
            while (!interrupted.await(1, TimeUnit.SECONDS)) {
                long elapsed = System.nanoTime() - start;
                boolean more = elapsed < runFor.toNanos()
                        || (elapsed < runFor.toNanos() + overtime && stats.loopInFlight(demo.retrainsDecided()));
                if (!more) {
                    break;
                }
                view.show(stats.render(
                        traffic.produced(), elapsed / 1_000_000_000L, elapsed >= driftFrom && elapsed < driftTo));
            }
            traffic.stop();
            producerThread.join(5_000);
            // let the job catch up with what was produced (it commits on checkpoints), within bounds
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stats.processed() < traffic.produced()
                    && System.nanoTime() < drainUntil
                    && !interrupted.await(1, TimeUnit.SECONDS)) {
                view.show(stats.render(traffic.produced(), (System.nanoTime() - start) / 1_000_000_000L, false));
            }
            out.println(summaryJson(stats.summary()));
            if (keep && interrupted.getCount() > 0) {
                out.println("demo: traffic ended; the stack keeps running (Ctrl-C to stop):");
                out.print(demo.addresses());
                out.flush();
                interrupted.await();
            }
        } finally {
            demo.close();
        }
        return interrupted.getCount() == 0 ? StopSignals.EXIT_INTERRUPTED : 0;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String summaryJson(LiveStats.Summary s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("enriched", s.enriched());
        n.put("dead_letters", s.deadLetters());
        n.put("retrains", s.retrains());
        n.put("promotions", s.promotions());
        s.modelVersions().forEach(n.putArray("model_versions")::add);
        n.put("p99_ms", s.p99Ms());
        return n.toString();
    }

    private Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--duration: expected e.g. 60s or 2m, got '" + text + "'");
        }
    }
}
