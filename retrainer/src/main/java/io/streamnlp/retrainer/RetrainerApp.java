package io.streamnlp.retrainer;

import io.streamnlp.registry.ModelLoadCheck;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.events.ModelEventPublisher;
import io.streamnlp.registry.http.RemoteModelRegistry;
import io.streamnlp.retrainer.job.InvalidConfigException;
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
import java.util.concurrent.CountDownLatch;
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

    private static final Logger LOG = LoggerFactory.getLogger(RetrainerApp.class);

    private final ModelRegistry registry;
    private final ModelEventPublisher publisher;
    private final RetrainTriggerApp trigger;
    private final RetrainingJob job;

    private RetrainerApp(ModelRegistry registry, ModelEventPublisher publisher, RetrainTriggerApp trigger,
            RetrainingJob job) {
        this.registry = registry;
        this.publisher = publisher;
        this.trigger = trigger;
        this.job = job;
    }

    /**
     * Starts the trigger and the job on the registry the configuration names; {@code listener} hears
     * every request the job finishes. With a registry directory, the app publishes its model events.
     */
    public static RetrainerApp start(RetrainerConfig config, RetrainingListener listener) {
        RetrainingConfig retraining = config.retraining();
        if (retraining.modelRegistry().dir() == null) {
            return start(config, new RemoteModelRegistry(retraining.modelRegistry().url(),
                    retraining.modelRegistry().bearerToken(), ModelLoadCheck.STRUCTURE_ONLY), null, listener);
        }
        ModelEventPublisher publisher = ModelEventPublisher.create(retraining.kafka().clientConfig(),
                retraining.topics().modelEvents(), null);
        try {
            return start(config, ModelStore.open(retraining.modelRegistry().dir()).addListener(publisher), publisher,
                    listener);
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

    private static RetrainerApp start(RetrainerConfig config, ModelRegistry registry, ModelEventPublisher publisher,
            RetrainingListener listener) {
        RetrainingConfig retraining = config.retraining();
        RetrainTriggerApp trigger = RetrainTriggerApp.start(config.trigger(),
                triggerSerdes(retraining.kafka().schemaRegistry()));
        try {
            RetrainingJob job = RetrainingJob.start(retraining, registry, listener);
            LOG.info("retrainer started: trigger {}, job on {}", config.trigger().applicationId(),
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
        return new TriggerSerdes(serde(client, DriftReport.class), serde(client, Feedback.class),
                serde(client, RetrainRequest.class));
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

    /** Stops the job first (it may be finishing a request), then the trigger, then the event publisher. */
    @Override
    public void close() {
        try {
            job.close();
        } finally {
            try {
                trigger.close();
            } finally {
                if (publisher != null) {
                    publisher.close();
                }
            }
        }
    }

    /** {@code RetrainerApp --config FILE [--key value ...]}: runs until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        RetrainerConfig config;
        try {
            config = RetrainerConfig.fromArgs(args);
        } catch (InvalidConfigException e) {
            System.err.println("retrainer: " + e.getMessage());
            System.exit(2);
            return;
        }
        runUntilStopped(config);
    }

    /** Starts the app and blocks until the JVM's shutdown hook has closed it. */
    public static void runUntilStopped(RetrainerConfig config) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        // the job logs every outcome itself
        RetrainerApp app = start(config, RetrainingListener.NONE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } finally {
                stopped.countDown();
            }
        }, "retrainer-shutdown"));
        stopped.await();
    }
}
