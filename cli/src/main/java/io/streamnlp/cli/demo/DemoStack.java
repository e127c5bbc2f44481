package io.streamnlp.cli.demo;

import io.streamnlp.console.ConsoleConfig;
import io.streamnlp.console.ConsoleServer;
import io.streamnlp.console.ConsoleTopics;
import io.streamnlp.flink.EnrichmentJob;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.moderation.PolicyPublisher;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.registry.events.ModelEventPublisher;
import io.streamnlp.retrainer.RetrainerApp;
import io.streamnlp.retrainer.RetrainerConfig;
import io.streamnlp.retrainer.job.RetrainingListener;
import io.streamnlp.training.bundle.DefaultBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole product on one machine: Kafka broker and Apicurio registry (the local stack), a model
 * registry holding the default model, the enrichment job in a Flink MiniCluster with its web UI,
 * the retrainer (Kafka Streams trigger and retraining job), and the model-event publisher that
 * lets the job follow promotions. Closing it stops everything, last started first.
 */
final class DemoStack implements AutoCloseable {
    private static final int DRIFT_WINDOW = 150;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final LocalStack stack;
    private final ModelStore models;
    private final ModelVersion initialModel;
    private final JobClient job;
    private final RetrainerApp retrainer;
    private static final String LOOPBACK = "127.0.0.1";

    /** The web UI takes the first free port from the one asked for, up to this many above it. */
    private static final int UI_PORT_RANGE = 20;

    private final OptionalInt flinkUiPort;
    private final ConsoleServer console;
    private final String consoleToken;

    private DemoStack(
            LocalStack stack,
            ModelStore models,
            ModelVersion initialModel,
            JobClient job,
            RetrainerApp retrainer,
            OptionalInt flinkUiPort,
            ConsoleServer console,
            String consoleToken) {
        this.stack = stack;
        this.models = models;
        this.initialModel = initialModel;
        this.job = job;
        this.retrainer = retrainer;
        this.flinkUiPort = flinkUiPort;
        this.console = console;
        this.consoleToken = consoleToken;
    }

    /** @param consolePort the web console's port; when it is taken, any free one (0: any free one) */
    static DemoStack start(Path home, int flinkUiPort, int consolePort, java.util.function.Consumer<String> progress)
            throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            progress.accept("starting Kafka and the schema registry");
            LocalStack stack = LocalStack.start();
            started.add(stack);
            stack.kafka().createTopics(2, DemoTopics.TEXT_EVENTS);
            stack.kafka()
                    .createTopics(
                            1,
                            DemoTopics.PLAIN.subList(1, DemoTopics.PLAIN.size()).toArray(String[]::new));
            stack.kafka().createCompactedTopic(DemoTopics.MODEL_EVENTS, 1);
            stack.kafka().createCompactedTopic(DemoTopics.POLICIES, 1);
            PolicyPublisher.publish(stack.kafka().clientConfig(), DemoTopics.POLICIES, defaultPolicy());

            progress.accept("preparing the default model (trained from the project's seed data on first use)");
            ModelStore models = ModelStore.open(home.resolve("registry"));
            ModelVersion model = DefaultBundle.ensure(models);
            Map<String, Object> publisherConfig = new HashMap<>(stack.kafka().clientConfig());
            publisherConfig.put("schema.registry.url", stack.schemaRegistryUrl());
            ModelEventPublisher publisher = ModelEventPublisher.create(publisherConfig, DemoTopics.MODEL_EVENTS, null);
            started.add(publisher);
            models.addListener(publisher);

            progress.accept("starting the enrichment job on a Flink MiniCluster");
            Configuration flink = loopbackOnly();
            flink.set(RestOptions.BIND_PORT, flinkUiPort + "-" + (flinkUiPort + UI_PORT_RANGE));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
            JobClient job = EnrichmentJob.start(env, JobConfig.of(jobConfig(stack, models.root())));
            started.add(() -> stop(job));

            progress.accept("starting the retrainer (drift + feedback -> retrain -> challenger vs champion)");
            RetrainerApp retrainer = RetrainerApp.start(
                    RetrainerConfig.of(retrainerConfig(stack, home)), models, RetrainingListener.NONE);
            started.add(retrainer);

            progress.accept("starting the web console");
            // a fresh token per run: the console's address carries it, so only who ran the demo can act in it
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            ConsoleServer console = startConsole(stack, models, consolePort, token);
            started.add(console);

            OptionalInt uiPort = FlinkWebUi.port(
                    LOOPBACK,
                    flinkUiPort,
                    flinkUiPort + UI_PORT_RANGE,
                    job.getJobID().toHexString());
            DemoStack demo = new DemoStack(stack, models, model, job, retrainer, uiPort, console, token);
            demo.started.addAll(started);
            return demo;
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** On the demo's store, so that a promotion in the console is published as a model event the job follows. */
    private static ConsoleServer startConsole(LocalStack stack, ModelStore models, int port, String token) {
        ConsoleTopics topics = new ConsoleTopics(
                DemoTopics.ENRICHED,
                DemoTopics.DEAD_LETTERS,
                DemoTopics.DRIFT,
                DemoTopics.STATS,
                DemoTopics.MODERATION_REVIEW,
                DemoTopics.FEEDBACK,
                DemoTopics.RETRAIN_REQUESTS);
        try {
            return ConsoleServer.start(
                    ConsoleConfig.local(port, token, stack.bootstrapServers(), stack.schemaRegistryUrl(), topics),
                    models);
        } catch (UncheckedIOException e) {
            if (port == 0 || !(e.getCause() instanceof BindException)) {
                throw e;
            }
            return startConsole(stack, models, 0, token);
        }
    }

    /**
     * The MiniCluster's servers (REST, RPC, blob, shuffle) on 127.0.0.1 only, and a web UI that
     * shows the job but cannot run uploaded jars or cancel it: Flink's defaults open both to anyone
     * who reaches the port.
     */
    static Configuration loopbackOnly() {
        Configuration flink = new Configuration();
        flink.set(RestOptions.ADDRESS, LOOPBACK);
        flink.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        flink.set(JobManagerOptions.ADDRESS, LOOPBACK);
        flink.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        flink.set(TaskManagerOptions.HOST, LOOPBACK);
        flink.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        flink.set(WebOptions.SUBMIT_ENABLE, false);
        flink.set(WebOptions.CANCEL_ENABLE, false);
        return flink;
    }

    /**
     * Cancels the job and waits (bounded) for its result, so nothing writes to a closed broker. The
     * result of a cancelled job is a cancellation failure; the job's own MiniCluster shuts down with it,
     * so its status cannot be polled afterwards.
     */
    private static void stop(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException cancelled) {
            // the job is gone, which is what stopping wants
        }
    }

    /** The small policy the demo ships and publishes at start (docs/moderation.md). */
    static String defaultPolicy() throws IOException {
        try (InputStream in = DemoStack.class.getResourceAsStream("default-policy.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> jobConfig(LocalStack stack, Path registryDir) {
        Map<String, String> m = new HashMap<>();
        m.put("job.name", "streamnlp-demo");
        m.put("kafka.bootstrap.servers", stack.bootstrapServers());
        m.put("registry.url", stack.schemaRegistryUrl());
        m.put("model.registry.dir", registryDir.toString());
        m.put("model.ref", DefaultBundle.MODEL + "@champion");
        m.put("checkpoint.interval-ms", "1000");
        m.put("parallelism", "1");
        m.put("moderation.enabled", "true");
        // the console's Live page draws these windows: ten seconds keeps it moving while you watch
        m.put("stats.window", "10s");
        // small windows so that a one-minute drift episode spans several of them
        m.put("drift.window", "count:" + DRIFT_WINDOW);
        return m;
    }

    /** Quick to react, as a demo should be; production keeps the documented defaults. */
    static Map<String, String> retrainerConfig(LocalStack stack, Path home) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", stack.bootstrapServers());
        m.put("registry.url", stack.schemaRegistryUrl());
        m.put("trigger.consecutive-windows", "2");
        m.put("trigger.cooldown", "PT2M");
        m.put("trigger.min-feedback", "30");
        m.put("trigger.state-dir", home.resolve("streams").toString());
        m.put("retrain.min-feedback", "30");
        return m;
    }

    LocalStack stack() {
        return stack;
    }

    ModelStore models() {
        return models;
    }

    ModelVersion initialModel() {
        return initialModel;
    }

    JobClient job() {
        return job;
    }

    /** Retrain requests the retrainer has decided (promoted, kept as challenger, rejected or failed). */
    long retrainsDecided() {
        return retrainer.stats().requestsHandled();
    }

    /** Registers something else to stop with the stack, before what was started earlier. */
    void stopOnClose(AutoCloseable c) {
        started.add(c);
    }

    String addresses() {
        String ui = flinkUiPort.isPresent()
                ? "http://" + LOOPBACK + ":" + flinkUiPort.getAsInt()
                : "not found (its port range was taken)";
        return String.format(
                "  Console:             %s%n  Kafka bootstrap:     %s%n  Schema registry:     %s%n"
                        + "  Flink web UI:        %s%n  Model registry dir:  %s%n",
                console.signInUri(consoleToken),
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                ui,
                models.root());
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("demo: stopping " + resources.get(i) + " failed: " + e.getMessage());
            }
        }
        resources.clear();
    }
}
