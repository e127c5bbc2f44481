package io.streamnlp.console;

import com.sun.net.httpserver.HttpServer;
import io.streamnlp.registry.ModelRegistry;
import io.streamnlp.registry.http.JdkHttpServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The web console ({@code streamnlp console}, and inside {@code streamnlp demo}) on the JDK's built-in server: the
 * pages, their JSON and event-stream endpoints, fed by a tail of the job's topics and by the model registry.
 * {@link #close()} stops it.
 *
 * <p>It leaves the JDK server's response timeout alone: an event stream is one long response, and a browser
 * reconnects a stream that a timeout set by another server in the same JVM cuts.
 */
public final class ConsoleServer implements AutoCloseable {
    /** Open event streams (console tabs) at most; each holds a handler thread. */
    private static final int MAX_STREAMS = 16;

    private static final int REQUEST_THREADS = 8;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final TopicTail tail;
    private final Thread tailThread;
    private final FeedbackWriter feedback;

    private ConsoleServer(
            HttpServer server, ExecutorService handlers, TopicTail tail, Thread tailThread, FeedbackWriter feedback) {
        this.server = server;
        this.handlers = handlers;
        this.tail = tail;
        this.tailThread = tailThread;
        this.feedback = feedback;
    }

    /** @param registry where models are listed and promoted: a directory store or a remote registry */
    public static ConsoleServer start(ConsoleConfig config, ModelRegistry registry) {
        HttpServer server;
        try {
            server = HttpServer.create(config.bind(), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bind(), e);
        }
        ConsoleFeed feed = new ConsoleFeed(config.recentRecords());
        FeedbackWriter feedback = new FeedbackWriter(
                config.kafka(), config.serde(), config.topics().feedback());
        TopicTail tail = new TopicTail(config, feed);
        Thread tailThread = new Thread(tail, "console-tail");
        tailThread.setDaemon(true);
        tailThread.start();
        ExecutorService handlers = Executors.newFixedThreadPool(MAX_STREAMS + REQUEST_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "console-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext(
                "/",
                new ConsoleApi(
                        config,
                        feed,
                        new ModelControl(registry),
                        new ReviewLabels(feed, feedback, Clock.systemUTC()),
                        MAX_STREAMS));
        server.start();
        return new ConsoleServer(server, handlers, tail, tailThread, feedback);
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8090/}. */
    public URI baseUri() {
        return URI.create(JdkHttpServers.baseUri(server.getAddress()) + "/");
    }

    /**
     * The address with the token in its fragment, which the browser keeps to itself: the page takes it from there,
     * forgets the fragment and presents the token on every change it asks for.
     */
    public URI signInUri(String token) {
        return URI.create(baseUri() + "#token=" + token);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        tail.close();
        try {
            tailThread.join(5_000);
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feedback.close();
    }
}
