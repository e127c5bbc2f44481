package io.streamnlp.retrainer.trigger;

import io.streamnlp.config.ConfigSources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running trigger: one Kafka Streams instance over {@link TriggerTopology}. */
public final class RetrainTriggerApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainTriggerApp.class);

    private final KafkaStreams streams;
    private final CompletableFuture<Void> stopped;

    private RetrainTriggerApp(KafkaStreams streams, CompletableFuture<Void> stopped) {
        this.streams = streams;
        this.stopped = stopped;
    }

    /** Starts the trigger; it runs until {@link #close()}. */
    public static RetrainTriggerApp start(TriggerConfig config, TriggerSerdes serdes) {
        KafkaStreams streams = new KafkaStreams(TriggerTopology.build(config, serdes), config.streamsProperties());
        // A failed stream thread is replaced; its task restarts from the last committed state (exactly-once).
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Retrain trigger thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        streams.setStateListener((state, previous) -> {
            if (state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.ERROR) {
                stopped.completeExceptionally(new IllegalStateException(
                        "the retrain trigger's Kafka Streams client is " + state + " (was " + previous + ")"));
            } else if (state == KafkaStreams.State.NOT_RUNNING) {
                stopped.complete(null);
            }
        });
        streams.start();
        LOG.info(
                "Retrain trigger {} started: {} + {} -> {}, K={}, cooldown={}, min feedback={}",
                config.applicationId(),
                config.driftTopic(),
                config.feedbackTopic(),
                config.requestTopic(),
                config.consecutiveWindows(),
                config.cooldown(),
                config.minFeedback());
        return new RetrainTriggerApp(streams, stopped);
    }

    /**
     * Completes when the Kafka Streams client stops: normally after {@link #close()}, exceptionally when it
     * goes to {@code PENDING_ERROR} or {@code ERROR} and will process nothing more.
     */
    public CompletionStage<Void> stopped() {
        return stopped;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    /**
     * {@code RetrainTriggerApp --config FILE [--key value ...]} (the grammar of docs/configuration.md): runs until the JVM
     * is asked to stop, or exits with status 1 when the Kafka Streams client goes to {@code PENDING_ERROR} or {@code ERROR}.
     */
    public static void main(String[] args) throws InterruptedException {
        TriggerConfig config;
        try {
            config = TriggerConfig.fromSettings(ConfigSources.fromArguments(TriggerOptions.ALL, System.getenv(), args));
        } catch (IllegalArgumentException e) {
            System.err.println("retrain trigger: " + e.getMessage());
            System.exit(2);
            return;
        }
        RetrainTriggerApp app = start(config, TriggerSerdes.fromRegistry(config.schemaRegistryUrl()));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "retrain-trigger-shutdown"));
        try {
            app.stopped().toCompletableFuture().get();
        } catch (ExecutionException e) {
            // a supervisor restarts a process that exits, not one that idles with a dead Streams client
            LOG.error(
                    "Retrain trigger stopped: {}; exiting with status 1",
                    e.getCause().getMessage());
            System.exit(1);
        }
    }
}
