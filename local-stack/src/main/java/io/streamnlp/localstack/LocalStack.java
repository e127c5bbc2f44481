package io.streamnlp.localstack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local stack: an {@link EmbeddedKafka} broker and an {@link ApicurioRegistry} process, started in
 * parallel. Closing it closes both.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start()) {
 *   String bootstrap = stack.kafka().bootstrapServers();
 *   String registryUrl = stack.registry().confluentUrl();   // schema.registry.url
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final EmbeddedKafka kafka;
    private final ApicurioRegistry registry;

    private LocalStack(EmbeddedKafka kafka, ApicurioRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts a broker with the default settings and a registry with the default settings, in parallel. */
    public static LocalStack start() {
        return start(ApicurioRegistry.builder());
    }

    /**
     * Starts a default broker and the registry described by {@code registryBuilder}, in parallel. If either fails the
     * other is closed and the failure is thrown.
     *
     * @throws LocalStackException when either part does not start
     */
    public static LocalStack start(ApicurioRegistry.Builder registryBuilder) {
        long t0 = System.nanoTime();
        CompletableFuture<ApicurioRegistry> reg = CompletableFuture.supplyAsync(registryBuilder::start, runnable -> {
            Thread t = new Thread(runnable, "local-stack-registry-start");
            t.setDaemon(true);
            t.start();
        });
        EmbeddedKafka kafka = null;
        RuntimeException failure = null;
        try {
            kafka = EmbeddedKafka.start();
        } catch (RuntimeException e) {
            failure = e;
        }
        ApicurioRegistry registry = null;
        try {
            registry = reg.join();
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r
                    ? r
                    : new LocalStackException("The registry did not start: " + e.getCause(), e.getCause());
            if (failure == null) failure = cause;
            else failure.addSuppressed(cause);
        }
        if (failure != null) {
            if (kafka != null) kafka.close();
            if (registry != null) registry.close();
            throw failure;
        }
        LOG.info(
                "Local stack up in {} ms: Kafka {}, registry {}",
                (System.nanoTime() - t0) / 1_000_000,
                kafka.bootstrapServers(),
                registry.confluentUrl());
        return new LocalStack(kafka, registry);
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public ApicurioRegistry registry() {
        return registry;
    }

    /** Shorthand for {@code kafka().bootstrapServers()}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Shorthand for {@code registry().confluentUrl()}: the value for {@code schema.registry.url}. */
    public String schemaRegistryUrl() {
        return registry.confluentUrl();
    }

    /** Closes the registry and the broker. */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + kafka + ", " + registry + "]";
    }
}
