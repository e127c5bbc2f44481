package io.streamnlp.retrainer.job;

import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.retrainer.job.RetrainingOutcome.Status;
import io.streamnlp.schemas.avro.RetrainRequest;
import io.streamnlp.schemas.serde.AvroDeserializer;
import io.streamnlp.training.heads.ProgressListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes retrain requests one at a time on its own thread and hands each to a
 * {@link RetrainRequestHandler}. A request's offset is committed only once it is fully handled
 * (registered and decided, rejected, or failed {@code max-attempts} times), so a crash or restart
 * delivers it again; the handler's idempotency turns that redelivery into a no-op or a finished
 * decision. A model registry that cannot be reached fails no attempt: the request is tried again, with
 * growing backoff, until the registry answers. Requests are read with {@code read_committed}, in the
 * job's own consumer group.
 */
public final class RetrainingJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingJob.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<String, RetrainRequest> consumer;
    private final RetrainRequestHandler handler;
    private final RetrainingListener listener;
    private final RetrainingConfig.Delivery delivery;
    private final String topic;
    private final Thread thread;
    private final CountDownLatch closing;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Map<TopicPartition, Attempts> attempts = new HashMap<>();

    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong promoted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong registryRetries = new AtomicLong();

    private record Attempts(long offset, int failures, int outages) {}

    private RetrainingJob(
            Consumer<String, RetrainRequest> consumer,
            RetrainRequestHandler handler,
            RetrainingListener listener,
            RetrainingConfig config,
            CountDownLatch closing) {
        this.closing = closing;
        this.consumer = consumer;
        this.handler = handler;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.delivery = config.delivery();
        this.topic = config.topics().retrainRequests();
        this.thread = new Thread(this::run, "retraining-job");
        // training cannot be interrupted; a JVM that is asked to stop must not wait for it (the request is retried)
        this.thread.setDaemon(true);
    }

    /** Starts consuming; the job runs until {@link #close()}. */
    public static RetrainingJob start(RetrainingConfig config, ModelRegistry registry, RetrainingListener listener) {
        return start(config, registry, OriginalTrainingData.seedCorpus(), listener);
    }

    public static RetrainingJob start(
            RetrainingConfig config,
            ModelRegistry registry,
            OriginalTrainingData originalData,
            RetrainingListener listener) {
        CountDownLatch closing = new CountDownLatch(1);
        // closing stops a retrain at its next batch, so no thread is left running ONNX Runtime when the JVM exits
        RetrainRequestHandler handler = new RetrainRequestHandler(
                registry,
                FeedbackReader.of(config),
                originalData,
                config.training(),
                config.inference(),
                ProgressListener.stoppingWhen(() -> closing.getCount() == 0));
        RetrainingJob job = new RetrainingJob(createConsumer(config), handler, listener, config, closing);
        job.thread.start();
        LOG.info(
                "retraining job consuming {} as group {}: promotion {}, holdout {}, min feedback {}",
                job.topic,
                config.delivery().groupId(),
                config.training().promotion(),
                config.training().holdoutFraction(),
                config.training().minFeedback());
        return job;
    }

    private static Consumer<String, RetrainRequest> createConsumer(RetrainingConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafka().clientConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.delivery().groupId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // one request per poll: each is committed on its own, and a retry re-reads exactly it
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int)
                config.delivery().maxRequestDuration().toMillis());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "streamnlp-retrainer");
        AvroDeserializer<RetrainRequest> values = new AvroDeserializer<>(RetrainRequest.class);
        values.configure(props, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    public RetrainingStats stats() {
        return new RetrainingStats(
                handled.get(),
                registered.get(),
                promoted.get(),
                duplicates.get(),
                rejected.get(),
                failed.get(),
                registryRetries.get());
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Completes when the job's thread ends: normally after {@link #close()}, exceptionally with whatever
     * else ended it (the request it was on stays uncommitted and is delivered again).
     */
    public CompletionStage<Void> stopped() {
        return stopped;
    }

    private void run() {
        Throwable failure = null;
        try {
            consumer.subscribe(List.of(topic));
            while (closing.getCount() > 0) {
                try {
                    for (ConsumerRecord<String, RetrainRequest> record : consumer.poll(POLL)) {
                        process(record);
                    }
                } catch (RecordDeserializationException e) {
                    finish(
                            e.topicPartition(),
                            e.offset(),
                            RetrainingOutcome.withoutTraining(
                                    null,
                                    null,
                                    null,
                                    Status.REJECTED,
                                    null,
                                    "undecodable retrain request at " + e.topicPartition() + "@" + e.offset() + ": "
                                            + e.getMessage()));
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("retraining job stopped; its current request stays uncommitted", e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(10));
            } finally {
                if (failure == null) {
                    stopped.complete(null);
                } else {
                    stopped.completeExceptionally(failure);
                }
            }
        }
    }

    private void process(ConsumerRecord<String, RetrainRequest> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        RetrainRequest request = record.value();
        if (request == null) {
            finish(
                    tp,
                    record.offset(),
                    RetrainingOutcome.withoutTraining(
                            null,
                            null,
                            null,
                            Status.REJECTED,
                            null,
                            "empty retrain request at " + tp + "@" + record.offset()));
            return;
        }
        try {
            finish(tp, record.offset(), handler.handle(request));
        } catch (CancellationException e) {
            LOG.info(
                    "retrain request {} given up as the job closes; it stays uncommitted and is delivered again",
                    request.getRequestId());
        } catch (RetrainingRejectedException e) {
            finish(
                    tp,
                    record.offset(),
                    RetrainingOutcome.withoutTraining(
                            request.getRequestId(),
                            request.getModelName(),
                            request.getTask(),
                            Status.REJECTED,
                            null,
                            e.getMessage()));
        } catch (Exception e) {
            Optional<Throwable> outage = RegistryOutage.causeOf(e);
            if (outage.isPresent()) {
                Attempts retry = retry(tp, record.offset(), true);
                registryRetries.incrementAndGet();
                Duration backoff = backoff(retry);
                LOG.warn(
                        "retrain request {}: the model registry cannot be reached ({}: {}); trying again in {}, the "
                                + "request stays uncommitted",
                        request.getRequestId(),
                        e.getMessage(),
                        outage.get(),
                        backoff);
                consumer.seek(tp, record.offset());
                awaitClose(backoff);
                return;
            }
            int attempt = retry(tp, record.offset(), false).failures();
            if (attempt >= delivery.maxAttempts()) {
                LOG.error("retrain request {} failed {} times; giving up", request.getRequestId(), attempt, e);
                finish(
                        tp,
                        record.offset(),
                        RetrainingOutcome.withoutTraining(
                                request.getRequestId(),
                                request.getModelName(),
                                request.getTask(),
                                Status.FAILED,
                                null,
                                "failed " + attempt + " times, last: " + e));
                return;
            }
            Duration backoff = backoff(attempts.get(tp));
            LOG.warn(
                    "retrain request {} failed (attempt {} of {}); retrying in {}",
                    request.getRequestId(),
                    attempt,
                    delivery.maxAttempts(),
                    backoff,
                    e);
            consumer.seek(tp, record.offset());
            awaitClose(backoff);
        }
    }

    /** Counts one more failed try of the request at {@code offset}, as a registry outage or as a failed attempt. */
    private Attempts retry(TopicPartition tp, long offset, boolean outage) {
        Attempts previous = attempts.get(tp);
        Attempts counted = previous != null && previous.offset() == offset ? previous : new Attempts(offset, 0, 0);
        counted = outage
                ? new Attempts(offset, counted.failures(), counted.outages() + 1)
                : new Attempts(offset, counted.failures() + 1, counted.outages());
        attempts.put(tp, counted);
        return counted;
    }

    /** {@code retry-backoff} doubled with every try of the same request, up to {@code max-retry-backoff}. */
    private Duration backoff(Attempts attempts) {
        int doublings = Math.min(attempts.failures() + attempts.outages() - 1, 30);
        Duration backoff = delivery.retryBackoff().multipliedBy(1L << doublings);
        return backoff.compareTo(delivery.maxRetryBackoff()) > 0 ? delivery.maxRetryBackoff() : backoff;
    }

    private void finish(TopicPartition tp, long offset, RetrainingOutcome outcome) {
        try {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset + 1)));
        } catch (CommitFailedException e) {
            // the partition moved to another member, which gets the request again and finds it handled
            LOG.warn("could not commit retrain request at {}@{}: {}", tp, offset, e.getMessage());
        }
        attempts.remove(tp);
        count(outcome);
        if (outcome.status() == Status.REJECTED || outcome.status() == Status.FAILED) {
            LOG.warn(
                    "retrain request{} {}: {}",
                    outcome.requestId() == null ? "" : " " + outcome.requestId(),
                    outcome.status(),
                    outcome.message());
        }
        try {
            listener.onOutcome(outcome);
        } catch (RuntimeException e) {
            LOG.warn("retraining listener failed on {}", outcome, e);
        }
    }

    private void count(RetrainingOutcome outcome) {
        handled.incrementAndGet();
        if (outcome.registeredChallenger()) {
            registered.incrementAndGet();
        }
        switch (outcome.status()) {
            case PROMOTED -> promoted.incrementAndGet();
            case DUPLICATE -> duplicates.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
        }
    }

    private void awaitClose(Duration timeout) {
        try {
            closing.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    /**
     * Stops consuming after the current poll. A request being trained stops at its next batch of encoding,
     * training or evaluation and stays uncommitted, so it is delivered again on the next start; fine-tuning
     * cannot be stopped that way, and the job waits up to 30 s for it.
     */
    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("retraining job still busy after {}; its request will be delivered again", CLOSE_TIMEOUT);
        }
    }
}
