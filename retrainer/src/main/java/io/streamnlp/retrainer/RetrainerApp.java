package io.streamnlp.retrainer;

import io.streamnlp.config.ConfigException;
import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.events.ModelEventPublisher;
import io.streamnlp.retrainer.job.RetrainingConfig;
import io.streamnlp.retrainer.job.RetrainingJob;
import io.streamnlp.retrainer.job.RetrainingListener;
import io.streamnlp.retrainer.job.RetrainingStats;
import io.streamnlp.retrainer.trigger.RetrainTriggerApp;
import io.streamnlp.retrainer.trigger.TriggerSerdes;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.Feedback;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.registry.SchemaRegistryClient;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.schemas.serde.AvroSerializer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrainer process: the Kafka Streams trigger that turns drift and feedback into retrain
 * requests, and the job that serves them, in one JVM. With a registry directory the app publishes
 * the registry's model events itself; a remote registry publishes its own.
 */
public final class RetrainerApp implements AutoCloseable {

    /** The exit status of a process whose retraining job or trigger died, so that its supervisor restarts it. */
    public static final int EXIT_WORKER_DIED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(RetrainerApp.class);

    private final ModelRegistry registry;
    private final ModelEventPublisher publisher;
    private final RetrainTriggerApp trigger;
    private final RetrainingJob job;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    private RetrainerApp(
            ModelRegistry registry, ModelEventPublisher publisher, RetrainTriggerApp trigger, RetrainingJob job) {
        this.registry = registry;
        this.publisher = publisher;
        this.trigger = trigger;
        this.job = job;
        job.stopped().whenComplete((stopped, failure) -> onWorkerStopped("the retraining job", failure));
        trigger.stopped().whenComplete((stopped, failure) -> onWorkerStopped("the retrain trigger", failure));
    }

    private void onWorkerStopped(String worker, Throwable failure) {
        if (failure != null && exitCode.complete(EXIT_WORKER_DIED)) {
            LOG.error(
                    "{} died; the retrainer stops with exit status {} so that it is restarted",
                    worker,
                    EXIT_WORKER_DIED,
                    failure);
        }
    }

    /**
     * Starts the trigger and the job on the registry the configuration names; {@code listener} hears
     * every request the job finishes. With a registry directory, the app publishes its model events.
     */
    public static RetrainerApp start(RetrainerConfig config, RetrainingListener listener) {
        RetrainingConfig retraining = config.retraining();
        ModelRegistry registry = retraining.modelRegistry().open(ModelLoadCheck.STRUCTURE_ONLY);
        if (!(registry instanceof ModelStore store)) {
            return start(config, registry, null, listener);
        }
        ModelEventPublisher publisher = ModelEventPublisher.create(
                retraining.kafka().clientConfig(), retraining.topics().modelEvents(), null);
        try {
            return start(config, store.addListener(publisher), publisher, listener);
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    /**
     * Starts the trigger and the job on a registry the caller holds (and whose model events the caller
     * publishes, e.g. a {@link ModelStore} with a {@link ModelEventPublisher} listening); the
     * configuration's {@code model.registry.*} keys are not used.
     */
    public static RetrainerApp start(RetrainerConfig config, ModelRegistry registry, RetrainingListener listener) {
        return start(config, registry, null, listener);
    }

    private static RetrainerApp start(
            RetrainerConfig config,
            ModelRegistry registry,
            ModelEventPublisher publisher,
            RetrainingListener listener) {
        RetrainingConfig retraining = config.retraining();
        RetrainTriggerApp trigger = RetrainTriggerApp.start(
                config.trigger(), triggerSerdes(retraining.kafka().schemaRegistry()));
        try {
            RetrainingJob job = RetrainingJob.start(retraining, registry, listener);
            LOG.info(
                    "retrainer started: trigger {}, job on {}",
                    config.trigger().applicationId(),
                    retraining.topics().retrainRequests());
            return new RetrainerApp(registry, publisher, trigger, job);
        } catch (RuntimeException e) {
            trigger.close();
            throw e;
        }
    }

    /** As {@link TriggerSerdes#fromRegistry}, with the registry credentials of the configuration. */
    private static TriggerSerdes triggerSerdes(Map<String, String> schemaRegistry) {
        SchemaRegistryClient client = SchemaRegistryClient.create(schemaRegistry);
        return new TriggerSerdes(
                serde(client, DriftReport.class), serde(client, Feedback.class), serde(client, RetrainRequest.class));
    }

    private static <T extends SpecificRecord> Serde<T> serde(SchemaRegistryClient client, Class<T> type) {
        return Serdes.serdeFrom(new AvroSerializer<>(client, false), new AvroDeserializer<>(client, type));
    }

    public ModelRegistry registry() {
        return registry;
    }

    public RetrainingStats stats() {
        return job.stats();
    }

    public KafkaStreams.State triggerState() {
        return trigger.state();
    }

    public boolean jobRunning() {
        return job.isRunning();
    }

    /**
     * Completes with the process's exit status: {@link #EXIT_WORKER_DIED} as soon as the retraining job's
     * thread or the trigger's Kafka Streams client dies, 0 once the app is closed with both alive.
     */
    public CompletionStage<Integer> exitCode() {
        return exitCode;
    }

    /** Stops the job first (it may be finishing a request), then the trigger, then the event publisher. */
    @Override
    public void close() {
        try {
            job.close();
        } finally {
            try {
                trigger.close();
            } finally {
                try {
                    if (publisher != null) {
                        publisher.close();
                    }
                } finally {
                    exitCode.complete(0);
                }
            }
        }
    }

    /**
     * {@code RetrainerApp --config FILE [--key value ...]}: runs until the JVM is asked to stop, or exits with
     * {@link #EXIT_WORKER_DIED} when a worker dies.
     */
    public static void main(String[] args) throws InterruptedException {
        RetrainerConfig config;
        try {
            config = RetrainerConfig.fromArgs(args);
        } catch (ConfigException e) {
            System.err.println("retrainer: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status = runUntilStopped(config);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Starts the app and blocks until the JVM's shutdown hook has closed it (0) or one of its workers died
     * ({@link #EXIT_WORKER_DIED}, after closing what is left of it); returns the exit status.
     */
    public static int runUntilStopped(RetrainerConfig config) throws InterruptedException {
        // the job logs every outcome itself
        RetrainerApp app = start(config, RetrainingListener.NONE);
        Thread shutdown = new Thread(app::close, "retrainer-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        int status;
        try {
            status = app.exitCode.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit status is never a failure", e);
        }
        if (status != 0) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException shuttingDown) {
                // the hook closes the app
                return status;
            }
            app.close();
        }
        return status;
    }
}
