package io.streamnlp.server;

import com.sun.net.httpserver.HttpServer;
import io.streamnlp.registry.http.JdkHttpServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The enrichment HTTP API ({@code streamnlp serve}) on the JDK's built-in server: it answers at once, serves
 * {@code /v1/enrich} once the model followed from the registry is loaded and warmed, and swaps in new versions
 * without a restart. {@link #close()} stops it.
 */
public final class EnrichmentServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ModelFollower follower;
    private final InferenceQueue queue;

    private EnrichmentServer(
            HttpServer server, ExecutorService handlers, ModelFollower follower, InferenceQueue queue) {
        this.server = server;
        this.handlers = handlers;
        this.follower = follower;
        this.queue = queue;
    }

    public static EnrichmentServer start(ServerConfig config) {
        JdkHttpServers.applyTimeouts(config.requestTimeout());
        HttpServer server;
        try {
            server = HttpServer.create(config.bind(), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bind(), e);
        }
        ServerMetrics metrics = new ServerMetrics();
        ModelFollower follower = new ModelFollower(config, metrics);
        InferenceQueue queue = new InferenceQueue(config.batching(), config.queueCapacity(), follower, metrics);
        ExecutorService handlers = Executors.newFixedThreadPool(config.threads(), runnable -> {
            Thread thread = new Thread(runnable, "streamnlp-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", new EnrichApi(config, queue, metrics));
        server.start();
        return new EnrichmentServer(server, handlers, follower, queue);
    }

    /** Waits until the first model serves (what {@code /readyz} reports). */
    public void awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            queue.firstModel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8095}. */
    public URI baseUri() {
        return JdkHttpServers.baseUri(server.getAddress());
    }

    /** Holds the inference thread before every batch, for tests that fill the queue. */
    void beforeBatch(Runnable hook) {
        queue.beforeBatch(hook);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdown();
        follower.close();
        queue.close();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
