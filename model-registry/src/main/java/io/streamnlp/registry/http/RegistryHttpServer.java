package io.streamnlp.registry.http;

import com.sun.net.httpserver.HttpServer;
import io.streamnlp.registry.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The registry's HTTP API on the JDK's built-in server; {@link #close()} stops it. */
public final class RegistryHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private RegistryHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static RegistryHttpServer start(ModelStore store, RegistryServerConfig config) {
        JdkHttpServers.applyTimeouts(config.requestTimeout());
        HttpServer server;
        try {
            server = HttpServer.create(config.bind(), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bind(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(config.threads(), runnable -> {
            Thread thread = new Thread(runnable, "registry-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(
                "/", new RegistryApi(store, new BearerTokenAuthenticator(config.writeToken()), config.uploadLimits()));
        server.start();
        return new RegistryHttpServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8085}. */
    public URI baseUri() {
        return JdkHttpServers.baseUri(server.getAddress());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
